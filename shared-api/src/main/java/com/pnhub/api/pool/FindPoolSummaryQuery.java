package com.pnhub.api.pool;

/** The pool summary: counts per platform and pool, computed from the read model now (answers a {@link PoolSummary}). */
public record FindPoolSummaryQuery() {
}
