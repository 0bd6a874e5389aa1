package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmXbBindingCommand(@TargetAggregateIdentifier String number, String bindingId, String operationId,
                                      String subsId) {
}
