package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider no longer has the subscription; providerCode says how we know (null: it unbound it now). */
public record ConfirmXbUnbindingCommand(@TargetAggregateIdentifier String number, String bindingId, String operationId,
                                        String providerCode, String providerMessage) {
}
