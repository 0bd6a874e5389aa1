package com.pnhub.api.fault;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Legacy #11: put a live binding into fault state (userId null: any holder). Nothing is sent to the provider. */
public record DeclareFaultBindingCommand(@TargetAggregateIdentifier String number, String userId, String operationId) {
}
