package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the A side of a live AX binding to a new phone (legacy #8). */
public record ChangeAxPhoneCommand(@TargetAggregateIdentifier String number, String userId, String newPhoneA, String operationId) {
}
