package com.pnhub.api.pool;

import java.time.Instant;

/** The pool count samples taken at or after {@code since}, oldest first (answers a {@link PoolHistory}). */
public record FindPoolHistoryQuery(Instant since) {
}
