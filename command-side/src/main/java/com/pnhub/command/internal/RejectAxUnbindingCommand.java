package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** providerUnavailable: a transient failure (timeout, unreachable, throttled), not a refusal. The provider refused to end the subscription; the binding stays. */
public record RejectAxUnbindingCommand(@TargetAggregateIdentifier String number, String operationId, String providerCode, String reason, boolean providerUnavailable) {
}
