package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider refused the AX binding or could not be reached. */
public record RejectAxBindingCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason) {
}
