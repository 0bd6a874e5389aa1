package com.pnhub.api.pool;

import java.time.Instant;

/**
 * One pool's counts as sampled in the interval that starts at {@code at}; the counts mean what they mean in the
 * pool summary ({@link PoolCounts}), flattened so that a chart reads them beside {@code at}.
 */
public record PoolCountSample(Instant at, int platform, long pool, long free, long quarantined, long assigned,
                              long bound, long faultBound, long locked, long disabled, long released, long total) {

    public static PoolCountSample of(Instant at, int platform, long pool, PoolCounts c) {
        return new PoolCountSample(at, platform, pool, c.free(), c.quarantined(), c.assigned(), c.bound(),
                c.faultBound(), c.locked(), c.disabled(), c.released(), c.total());
    }
}
