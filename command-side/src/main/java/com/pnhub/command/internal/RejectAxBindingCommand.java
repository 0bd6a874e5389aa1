package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** providerUnavailable: a transient failure (timeout, unreachable, throttled), not a refusal. The provider refused the AX binding or could not be reached. */
public record RejectAxBindingCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason, boolean providerUnavailable) {
}
