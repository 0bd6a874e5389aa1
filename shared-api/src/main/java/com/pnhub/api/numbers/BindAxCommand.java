package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assigns the number to the agent (if it is not yet) and binds it to A at the provider (legacy #1, #10). */
public record BindAxCommand(@TargetAggregateIdentifier String number, String userId, String phoneA, Long regionId, String operationId) {
}
