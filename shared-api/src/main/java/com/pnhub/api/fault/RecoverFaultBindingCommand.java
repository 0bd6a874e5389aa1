package com.pnhub.api.fault;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Push this fault binding to its provider now. Answers false when the number has no fault binding. */
public record RecoverFaultBindingCommand(@TargetAggregateIdentifier String number, String operationId) {
}
