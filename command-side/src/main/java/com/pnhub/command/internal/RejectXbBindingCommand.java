package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectXbBindingCommand(@TargetAggregateIdentifier String number, String bindingId, String operationId,
                                     String providerCode, String reason, boolean providerUnavailable) {
}
