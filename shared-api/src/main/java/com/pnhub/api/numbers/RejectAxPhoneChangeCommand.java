package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider refused to move A; the binding keeps its old A. */
public record RejectAxPhoneChangeCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason) {
}
