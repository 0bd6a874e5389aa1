package com.pnhub.api.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** MQ176: the agent's phone changed in MIS (reportedOldPhone is what MIS believes the old phone was). */
public record ChangeAgentPhoneCommand(@TargetAggregateIdentifier String userId, String newPhone, String reportedOldPhone,
        String operator) {
}
