package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the assignment (and the provider binding if there is one) and returns the number to the free pool (legacy #9). */
public record ReleaseNumberCommand(@TargetAggregateIdentifier String number, String userId, String operationId) {
}
