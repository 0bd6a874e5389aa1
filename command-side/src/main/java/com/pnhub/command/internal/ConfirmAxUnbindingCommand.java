package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider ended the subscription (or no longer knows it). */
public record ConfirmAxUnbindingCommand(@TargetAggregateIdentifier String number, String operationId) {
}
