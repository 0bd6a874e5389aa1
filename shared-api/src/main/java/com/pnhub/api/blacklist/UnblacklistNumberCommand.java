package com.pnhub.api.blacklist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import com.pnhub.api.numbers.Platform;

/** Takes a real (B) number off a platform's blacklist in one direction. */
public record UnblacklistNumberCommand(@TargetAggregateIdentifier String key, Platform platform, String number,
        BlacklistDirection direction, String userId) {
}
