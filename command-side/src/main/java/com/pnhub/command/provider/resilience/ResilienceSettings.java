package com.pnhub.command.provider.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How provider calls are guarded, from {@code pnhub.providers.resilience.*}; every platform gets the same
 * settings but a circuit breaker and a retry of its own. See docs/providers.md ("Resilience").
 *
 * @param slidingWindowSize         how many of the latest calls the breaker judges (count-based window)
 * @param minimumNumberOfCalls      calls needed before the failure rate means anything
 * @param failureRateThreshold      percentage of Unavailable outcomes that opens the breaker
 * @param waitInOpen                how long an open breaker answers {@code pnhub.CIRCUIT_OPEN} before letting probes through
 * @param permittedCallsInHalfOpen  probe calls in half-open; the breaker closes (or opens again) on their failure rate
 * @param maxAttempts               attempts of a retried call (the first included); 1 turns retries off
 * @param initialBackoff            wait before the second attempt
 * @param backoffMultiplier         factor applied to the wait before each further attempt
 */
@ConfigurationProperties("pnhub.providers.resilience")
public record ResilienceSettings(Integer slidingWindowSize, Integer minimumNumberOfCalls, Float failureRateThreshold,
                                 Duration waitInOpen, Integer permittedCallsInHalfOpen, Integer maxAttempts,
                                 Duration initialBackoff, Double backoffMultiplier) {

    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
    public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
    public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(5);
    public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN = 3;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

    public ResilienceSettings {
        slidingWindowSize = slidingWindowSize == null ? DEFAULT_SLIDING_WINDOW_SIZE : slidingWindowSize;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? DEFAULT_MINIMUM_NUMBER_OF_CALLS : minimumNumberOfCalls;
        failureRateThreshold = failureRateThreshold == null ? DEFAULT_FAILURE_RATE_THRESHOLD : failureRateThreshold;
        waitInOpen = waitInOpen == null ? DEFAULT_WAIT_IN_OPEN : waitInOpen;
        permittedCallsInHalfOpen = permittedCallsInHalfOpen == null ? DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN : permittedCallsInHalfOpen;
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        initialBackoff = initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : initialBackoff;
        backoffMultiplier = backoffMultiplier == null ? DEFAULT_BACKOFF_MULTIPLIER : backoffMultiplier;
        if (slidingWindowSize < 1 || minimumNumberOfCalls < 1 || permittedCallsInHalfOpen < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("pnhub.providers.resilience: window, minimum calls, half-open calls and attempts must be >= 1");
        }
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("pnhub.providers.resilience.failure-rate-threshold must be within (0, 100]");
        }
        if (waitInOpen.isNegative() || waitInOpen.isZero() || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("pnhub.providers.resilience: wait-in-open and initial-backoff must be positive");
        }
        if (backoffMultiplier < 1.0) {
            throw new IllegalArgumentException("pnhub.providers.resilience.backoff-multiplier must be >= 1");
        }
    }

    /** All defaults: window 20, minimum 10 calls, 50 %, 10 s open, 3 half-open calls, 3 attempts from 200 ms ×2. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(null, null, null, null, null, null, null, null);
    }
}
