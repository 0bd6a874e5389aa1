package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a real (B) number on a platform's blacklist in one direction; key = platform code + ':' + number. */
public record BlacklistNumberCommand(@TargetAggregateIdentifier String key, Platform platform, String number,
        BlacklistDirection direction, String userId) {
}
