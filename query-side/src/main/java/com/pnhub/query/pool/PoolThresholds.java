package com.pnhub.query.pool;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a pool is running low: fewer free numbers than {@code pnhub.pool.low-free-count} (default 20) or a free
 * share of its numbers under {@code pnhub.pool.low-free-ratio} (default 0.1). Either set to 0 turns that rule off.
 */
@Component
public class PoolThresholds {

    private final double lowFreeRatio;
    private final long lowFreeCount;

    public PoolThresholds(@Value("${pnhub.pool.low-free-ratio:0.1}") double lowFreeRatio,
                          @Value("${pnhub.pool.low-free-count:20}") long lowFreeCount) {
        if (Double.isNaN(lowFreeRatio) || lowFreeRatio < 0 || lowFreeRatio > 1) {
            throw new IllegalArgumentException("pnhub.pool.low-free-ratio must be between 0 and 1, was " + lowFreeRatio);
        }
        if (lowFreeCount < 0) {
            throw new IllegalArgumentException("pnhub.pool.low-free-count must not be negative, was " + lowFreeCount);
        }
        this.lowFreeRatio = lowFreeRatio;
        this.lowFreeCount = lowFreeCount;
    }

    public double lowFreeRatio() {
        return lowFreeRatio;
    }

    public long lowFreeCount() {
        return lowFreeCount;
    }
}
