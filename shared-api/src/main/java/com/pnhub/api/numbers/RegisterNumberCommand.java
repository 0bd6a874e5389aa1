package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a virtual number into the pool of a platform. */
public record RegisterNumberCommand(@TargetAggregateIdentifier String number, Platform platform, long poolId, long regionId) {
}
