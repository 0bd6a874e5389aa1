package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a virtual number off its platform's blacklist in one direction. */
public record UnblacklistXCommand(@TargetAggregateIdentifier String number, Platform platform, BlacklistDirection direction,
        String userId) {
}
