package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the provider binding; the number stays assigned to the agent (legacy #2). userId may be null: then any holder. */
public record UnbindAxCommand(@TargetAggregateIdentifier String number, String userId, String operationId) {
}
