package com.pnhub.api.numbers;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;

/** The virtual number is blacklisted in that direction. */
public record XBlacklistedEvent(String number, Platform platform, long poolId, BlacklistDirection direction, String userId)
        implements PrivateNumberEvent {
}
