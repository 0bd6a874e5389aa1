package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reconciliation: the provider no longer has the subscription we hold for this bound number. Turns the
 * binding into a fault binding without a subscription, so the fault recovery binds it anew. {@code subsId}:
 * the subscription reconciliation found missing; when the number's binding has another one by now (it moved
 * on), the command does nothing. Answers true when the binding became a fault binding.
 */
public record MarkSubscriptionLostCommand(@TargetAggregateIdentifier String number, String subsId, String operationId) {
}
