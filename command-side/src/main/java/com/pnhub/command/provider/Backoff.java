package com.pnhub.command.provider;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The wait before a saga's next attempt at a provider call: {@code first}, doubling per attempt, at most {@code max};
 * Resilience4j's exponential {@link IntervalFunction}, the same rule as the provider calls' own retry
 * ({@code ProviderHealth}). Sagas count the attempts made so far, from 0; the interval function counts the attempt
 * about to be made, from 1.
 */
public final class Backoff {

    private final IntervalFunction interval;

    public Backoff(Duration first, Duration max) {
        this.interval = IntervalFunction.ofExponentialBackoff(first, 2.0, max);
    }

    public Duration after(int attemptsSoFar) {
        int attempt = attemptsSoFar < 0 ? 1 : attemptsSoFar == Integer.MAX_VALUE ? attemptsSoFar : attemptsSoFar + 1;
        return Duration.ofMillis(interval.apply(attempt));
    }
}
