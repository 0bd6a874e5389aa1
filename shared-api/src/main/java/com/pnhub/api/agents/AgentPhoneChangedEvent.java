package com.pnhub.api.agents;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;

/** The agent's phone changed; reportedOldPhoneMatched is false when MIS named an old phone we did not have (recorded, not fatal). */
public record AgentPhoneChangedEvent(String userId, @PersonalData(AGENT) String previousPhone,
        @PersonalData(AGENT) String newPhone, @PersonalData(AGENT) String reportedOldPhone,
        boolean reportedOldPhoneMatched, String operator) implements AgentEvent {
}
