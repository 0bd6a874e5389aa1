package com.pnhub.api.agents;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;

/**
 * The agent's name or phone changed; previousPhone is null when the agent is new or kept the phone. The name is the
 * agent's personal data too, under the agent's own key (a name is not unique, so not a key of its own).
 */
public record AgentProfileUpdatedEvent(String userId, @PersonalData(value = AGENT, keyedBy = "userId") String name,
        @PersonalData(AGENT) String phone,
        @PersonalData(AGENT) String previousPhone) implements AgentEvent {
}
