package com.pnhub.api.agents;

/** Every event of the Agent aggregate. */
public sealed interface AgentEvent permits AgentProfileUpdatedEvent, AgentPhoneChangedEvent {

    String userId();
}
