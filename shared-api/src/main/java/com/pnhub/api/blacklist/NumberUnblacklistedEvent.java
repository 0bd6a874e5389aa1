package com.pnhub.api.blacklist;

import com.pnhub.api.values.Platform;

/** otherDirectionRemains: the number stays blacklisted in the other direction (the provider keeps it). A B number is no longer blacklisted on the platform in that direction. */
public record NumberUnblacklistedEvent(String key, Platform platform, String number, BlacklistDirection direction,
        String userId,
        boolean otherDirectionRemains) implements BlacklistEvent {
}
