package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;

/** A B number is blacklisted on the platform in that direction. */
public record NumberBlacklistedEvent(String key, Platform platform, String number, BlacklistDirection direction,
        String userId) implements BlacklistEvent {
}
