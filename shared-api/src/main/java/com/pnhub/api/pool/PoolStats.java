package com.pnhub.api.pool;

/** One pool of one platform; {@code warning} when it is running low (see {@link PoolCounts#runningLow}). */
public record PoolStats(long poolId, PoolCounts counts, boolean warning) {
}
