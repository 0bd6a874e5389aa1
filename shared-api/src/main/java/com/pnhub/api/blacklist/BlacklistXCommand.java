package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a virtual number of the pool on its platform's blacklist in one direction. */
public record BlacklistXCommand(@TargetAggregateIdentifier String number, Platform platform, BlacklistDirection direction,
        String userId) {
}
