package com.pnhub.command.xb;

import java.time.Duration;
import java.time.Instant;

/**
 * The expiration a provider is given for a customer binding, shared by the saga that binds and the request that
 * extends: outside the saga so that a request never needs the saga class.
 */
public final class ProviderExpiration {

    /** Aliyun refuses an AXB expiration less than a minute ahead; a shorter binding is ended by our own unbind. */
    static final Duration PROVIDER_MIN_LEAD = Duration.ofSeconds(65);

    private ProviderExpiration() {
    }

    /** Ours, or the earliest the provider accepts. */
    public static Instant of(Instant expiresAt, Instant now) {
        Instant earliest = now.plus(PROVIDER_MIN_LEAD);
        return expiresAt.isBefore(earliest) ? earliest : expiresAt;
    }
}
