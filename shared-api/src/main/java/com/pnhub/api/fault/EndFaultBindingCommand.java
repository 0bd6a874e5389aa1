package com.pnhub.api.fault;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Legacy #12 (unbindAtProvider false: state only) and #13 (true: unbind at the provider first, where it has a subscription). */
public record EndFaultBindingCommand(@TargetAggregateIdentifier String number, String userId, boolean unbindAtProvider,
        String operationId, String reason) {
}
