package com.pnhub.command.internal;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Automatic failover: while this number's fault binding waits for its provider, the holder is reachable through a temporary number on another platform. */
public record RecordFailoverCommand(@TargetAggregateIdentifier String number, String temporaryNumber,
        Platform temporaryPlatform) {
}
