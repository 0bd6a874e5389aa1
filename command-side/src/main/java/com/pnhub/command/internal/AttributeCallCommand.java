package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks X whom a call on subscription {@code subsId} belongs to, from its live customer bindings; answers the
 * attribution, or null when no live customer binding of X has that subscription. Changes nothing.
 */
public record AttributeCallCommand(@TargetAggregateIdentifier String number, String subsId) {
}
