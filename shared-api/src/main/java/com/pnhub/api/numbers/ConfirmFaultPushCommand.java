package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider took the fault binding (recovery): it is an ordinary binding again. */
public record ConfirmFaultPushCommand(@TargetAggregateIdentifier String number, String operationId, String subsId) {
}
