package com.pnhub.api.agents;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;

/** The agent's name or phone changed; previousPhone is null when the agent is new or kept the phone. */
public record AgentProfileUpdatedEvent(String userId, String name, @PersonalData(AGENT) String phone,
        @PersonalData(AGENT) String previousPhone) implements AgentEvent {
}
