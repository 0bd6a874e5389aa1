package com.pnhub.query.pool;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a pool is running low: fewer free numbers than {@code pnhub.pool.low-free-count} (default 20) or a free
 * share of its numbers under {@code pnhub.pool.low-free-ratio} (default 0.1). Either set to 0 turns that rule off.
 * A number given up stays out of allocation for {@code pnhub.pool.quarantine} (default 72 h; 0 turns it off) and
 * does not count as free meanwhile.
 */
@Component
public class PoolThresholds {

    private final double lowFreeRatio;
    private final long lowFreeCount;
    private final Duration quarantine;

    public PoolThresholds(@Value("${pnhub.pool.low-free-ratio:0.1}") double lowFreeRatio,
                          @Value("${pnhub.pool.low-free-count:20}") long lowFreeCount,
                          @Value("${pnhub.pool.quarantine:72h}") Duration quarantine) {
        if (quarantine.isNegative()) {
            throw new IllegalArgumentException("pnhub.pool.quarantine must not be negative, was " + quarantine);
        }
        this.quarantine = quarantine;
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

    public Duration quarantine() {
        return quarantine;
    }

    /** Until when a number given up at {@code freedAt} is kept from allocation; null when it is not (any more). */
    public Instant quarantinedUntil(Instant freedAt, Instant now) {
        if (freedAt == null || quarantine.isZero()) {
            return null;
        }
        Instant until = freedAt.plus(quarantine);
        return until.isAfter(now) ? until : null;
    }
}
