package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmXbBindingCommand(@TargetAggregateIdentifier String number, String bindingId, String operationId,
                                      String subsId) {
}
