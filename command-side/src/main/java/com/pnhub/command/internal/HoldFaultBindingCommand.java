package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider could not be reached for a bind: keep the binding locally as a fault binding instead of failing it. */
public record HoldFaultBindingCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode,
        String reason) {
}
