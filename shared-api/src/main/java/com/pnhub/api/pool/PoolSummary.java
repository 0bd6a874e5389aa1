package com.pnhub.api.pool;

import java.time.Instant;
import java.util.List;

/**
 * The pools as the read model knows them at {@code computedAt}: per platform (ordered by code) and pool, with
 * the thresholds the warnings were computed with ({@code pnhub.pool.low-free-ratio}, {@code pnhub.pool.low-free-count}).
 */
public record PoolSummary(double lowFreeRatio, long lowFreeCount, Instant computedAt, List<PlatformStats> platforms) {

    public PoolSummary {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }
}
