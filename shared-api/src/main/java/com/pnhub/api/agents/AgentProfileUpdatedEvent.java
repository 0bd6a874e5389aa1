package com.pnhub.api.agents;

/** The agent's name or phone changed; previousPhone is null when the agent is new or kept the phone. */
public record AgentProfileUpdatedEvent(String userId, String name, String phone, String previousPhone) implements AgentEvent {
}
