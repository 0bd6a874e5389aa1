package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;
import java.time.Instant;

/**
 * A number as the read model knows it. {@code freeSince}: when a free number was last given up (null: never held, or
 * held now); {@code quarantinedUntil}: until when a number given up is kept from allocation (null: not quarantined).
 */
public record NumberView(
        String number,
        Platform platform,
        long poolId,
        long regionId,
        NumberState state,
        BindState bindState,
        String userId,
        String phoneA,
        String subsId,
        Instant updatedAt,
        Instant freeSince,
        Instant quarantinedUntil) {
}
