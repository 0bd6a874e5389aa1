package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The failover of this number is over (its own binding is back, or it ended): the temporary number was released. */
public record EndFailoverCommand(@TargetAggregateIdentifier String number, String temporaryNumber) {
}
