package com.pnhub.api.pool;

import java.util.List;

/** One platform: its totals over all its pools, the same warning rule on them, and each pool ordered by id. */
public record PlatformStats(int platform, String platformName, PoolCounts counts, boolean warning, List<PoolStats> pools) {

    public PlatformStats {
        pools = pools == null ? List.of() : List.copyOf(pools);
    }
}
