package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider moved A. */
public record ConfirmAxPhoneChangeCommand(@TargetAggregateIdentifier String number, String operationId) {
}
