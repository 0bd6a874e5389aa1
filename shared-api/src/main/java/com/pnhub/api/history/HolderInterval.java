package com.pnhub.api.history;

import java.time.Instant;

/**
 * One period in which X was held by one agent with one A. kind: AX (bound at the provider) or FAULT
 * (a fault binding held locally); from inclusive, to exclusive, to null while the period lasts.
 */
public record HolderInterval(String userId, String phoneA, String subsId, String kind, Instant from, Instant to) {
}
