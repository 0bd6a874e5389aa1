package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a real (B) number off a platform's blacklist in one direction. */
public record UnblacklistNumberCommand(@TargetAggregateIdentifier String key, Platform platform, String number,
        BlacklistDirection direction, String userId) {
}
