package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent's phone changed: if the number is bound for that agent to oldPhone, move A to newPhone. */
public record FollowAgentPhoneCommand(@TargetAggregateIdentifier String number, String userId, String oldPhone,
        String newPhone, String operationId) {
}
