package com.pnhub.api.pool;

/**
 * How the numbers of a pool (or a platform) stand. Two views of the same numbers, so the counts overlap:
 * <ul>
 *   <li>binding: {@code free} (normal state, no user, unbound, out of quarantine: what allocation can hand out),
 *   {@code quarantined} (free, but given up less than {@code pnhub.pool.quarantine} ago: not handed out yet),
 *   {@code assigned} (held by a user, unbound), {@code bound} (bound, or a provider call under way: binding,
 *   unbinding, changing A), {@code faultBound} (bind state 5);</li>
 *   <li>number state: {@code locked} (1), {@code disabled} (2), {@code released} (3).</li>
 * </ul>
 * {@code total} counts every number, whatever its state.
 */
public record PoolCounts(long free, long quarantined, long assigned, long bound, long faultBound, long locked,
                         long disabled, long released, long total) {

    public static final PoolCounts ZERO = new PoolCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public PoolCounts plus(PoolCounts o) {
        return new PoolCounts(free + o.free, quarantined + o.quarantined, assigned + o.assigned, bound + o.bound,
                faultBound + o.faultBound, locked + o.locked, disabled + o.disabled, released + o.released, total + o.total);
    }

    /**
     * Running low: fewer free (allocatable) numbers than {@code lowFreeCount}, or a free share under
     * {@code lowFreeRatio}; a quarantined number does not count as free.
     */
    public boolean runningLow(double lowFreeRatio, long lowFreeCount) {
        return free < lowFreeCount || (total > 0 && (double) free / total < lowFreeRatio);
    }
}
