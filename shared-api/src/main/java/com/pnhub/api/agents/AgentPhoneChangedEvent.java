package com.pnhub.api.agents;

/** The agent's phone changed; reportedOldPhoneMatched is false when MIS named an old phone we did not have (recorded, not fatal). */
public record AgentPhoneChangedEvent(String userId, String previousPhone, String newPhone, String reportedOldPhone,
        boolean reportedOldPhoneMatched, String operator) implements AgentEvent {
}
