package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the number from one agent to another (legacy #4): X stays, A becomes the new holder's phone at the provider. */
public record TransferNumberCommand(@TargetAggregateIdentifier String number, String fromUserId, String toUserId,
        String toPhoneA, String operationId) {
}
