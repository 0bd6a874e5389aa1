package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider refused to end the subscription; the binding stays. */
public record RejectAxUnbindingCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason) {
}
