package com.pnhub.command.provider;

import java.time.Duration;

/** The wait before the next attempt at a provider call: {@code first}, doubling per attempt, at most {@code max}. */
public record Backoff(Duration first, Duration max) {

    public Duration after(int attempts) {
        long millis = first.toMillis() << Math.min(Math.max(attempts, 0), 10);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
