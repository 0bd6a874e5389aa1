package com.pnhub.api.pool;

import java.util.List;

/**
 * Sampled pool counts: {@code interval} is the sampling interval as ISO-8601 (e.g. {@code PT5M}), {@code samples}
 * are ordered by time, then platform and pool.
 */
public record PoolHistory(String interval, List<PoolCountSample> samples) {

    public PoolHistory {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
