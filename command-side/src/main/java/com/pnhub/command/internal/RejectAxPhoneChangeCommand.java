package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** providerUnavailable: a transient failure (timeout, unreachable, throttled), not a refusal. The provider refused to move A; the binding keeps its old A. */
public record RejectAxPhoneChangeCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason, boolean providerUnavailable) {
}
