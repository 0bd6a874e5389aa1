package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider accepted the AX binding. */
public record ConfirmAxBindingCommand(@TargetAggregateIdentifier String number, String operationId, String subsId) {
}
