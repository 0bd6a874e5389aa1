package com.pnhub.command.provider.resilience;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.ProviderOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of each provider platform as its circuit breaker sees it, and the owner of the per-platform
 * breakers and retries ({@code provider-<platform>}, e.g. {@code provider-aliyun}).
 *
 * <p>A platform is <em>down</em> while its breaker is OPEN, HALF_OPEN (still probing) or FORCED_OPEN.
 * {@link #downSince} is the instant it first left CLOSED and survives OPEN ⇄ HALF_OPEN round trips, so a
 * failover can ask "down for longer than N" without the probes resetting the clock; it is cleared only when
 * the breaker closes (or is {@link #reset}). Platforms without a configured provider have no breaker and are
 * never reported down.
 */
public class ProviderHealth {

    private static final Logger log = LoggerFactory.getLogger(ProviderHealth.class);

    /**
     * One platform's breaker state, failure rate (-1 until the minimum number of calls), and since when: {@code since}
     * is the breaker's creation until its first transition, {@code lastTransition} the time of its last transition
     * (null while it has had none on this instance).
     */
    public record PlatformHealth(Platform platform, String circuitBreaker, CircuitBreaker.State state, float failureRate,
                                 int bufferedCalls, int failedCalls, long notPermittedCalls, Instant since,
                                 Instant downSince, Instant lastTransition) {

        public boolean down() {
            return downSince != null;
        }
    }

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final Clock clock;
    private final Map<Platform, Tracked> tracked = new EnumMap<>(Platform.class);

    public ProviderHealth(ResilienceSettings settings, Clock clock) {
        this.clock = clock;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
                // failures are reported explicitly (ResilientNumberProvider: Unavailable outcomes only)
                .clock(clock)
                .build());
        this.retries = RetryRegistry.of(RetryConfig.<Object>custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.initialBackoff().toMillis(),
                        settings.backoffMultiplier()))
                .retryOnResult(ResilientNumberProvider::worthRetrying)
                .retryOnException(e -> false)
                .failAfterMaxAttempts(false)
                .build());
    }

    public static String circuitBreakerName(Platform platform) {
        return "provider-" + platform.name().toLowerCase(Locale.ROOT);
    }

    /** The platform's breaker, created (CLOSED, "since" now) on first use. */
    public CircuitBreaker circuitBreaker(Platform platform) {
        return track(platform).breaker;
    }

    /** The platform's retry (same name as its breaker). */
    public Retry retry(Platform platform) {
        return track(platform).retry;
    }

    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return breakers;
    }

    public RetryRegistry retryRegistry() {
        return retries;
    }

    /** Every platform with a breaker, in platform order. */
    public List<PlatformHealth> platforms() {
        List<Tracked> all;
        synchronized (tracked) {
            all = new ArrayList<>(tracked.values());
        }
        return all.stream().map(Tracked::snapshot).toList();
    }

    public Optional<PlatformHealth> platform(Platform platform) {
        Tracked t;
        synchronized (tracked) {
            t = tracked.get(platform);
        }
        return Optional.ofNullable(t).map(Tracked::snapshot);
    }

    /** Since when the platform is down (breaker not CLOSED), or empty when it is up or has no breaker. */
    public Optional<Instant> downSince(Platform platform) {
        return platform(platform).map(PlatformHealth::downSince);
    }

    public boolean isDown(Platform platform) {
        return downSince(platform).isPresent();
    }

    /**
     * Closes the platform's breaker and forgets its recorded calls (operations, and tests that opened it on
     * purpose). Calls flow again at once; if the provider is still down the breaker opens again.
     */
    public void reset(Platform platform) {
        Tracked t;
        synchronized (tracked) {
            t = tracked.get(platform);
        }
        if (t != null) {
            log.info("circuit breaker {} reset by request (was {})", t.breaker.getName(), t.breaker.getState());
            t.breaker.reset();
            t.moved(CircuitBreaker.State.CLOSED);
        }
    }

    private Tracked track(Platform platform) {
        synchronized (tracked) {
            return tracked.computeIfAbsent(platform, this::create);
        }
    }

    private Tracked create(Platform platform) {
        String name = circuitBreakerName(platform);
        Tracked t = new Tracked(platform, breakers.circuitBreaker(name), retries.retry(name), clock.instant());
        t.breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            t.moved(to);
            if (to == CircuitBreaker.State.CLOSED) {
                log.info("circuit breaker {}: {} — provider calls flow again", name, e.getStateTransition());
            } else {
                log.warn("circuit breaker {}: {} (failure rate {} %)", name, e.getStateTransition(),
                        t.breaker.getMetrics().getFailureRate());
            }
        });
        t.retry.getEventPublisher().onRetry(e -> log.info("{}: attempt {} answered {}, retrying in {} ms", name,
                e.getNumberOfRetryAttempts(), describe(e.getLastThrowable()), e.getWaitInterval().toMillis()));
        return t;
    }

    private static String describe(Throwable t) {
        return t == null ? "Unavailable" : t.getClass().getSimpleName();
    }

    private static boolean isDownState(CircuitBreaker.State s) {
        return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.HALF_OPEN || s == CircuitBreaker.State.FORCED_OPEN;
    }

    private final class Tracked {
        final Platform platform;
        final CircuitBreaker breaker;
        final Retry retry;
        private CircuitBreaker.State state;
        private Instant since;
        private Instant downSince;
        private Instant lastTransition;

        Tracked(Platform platform, CircuitBreaker breaker, Retry retry, Instant created) {
            this.platform = platform;
            this.breaker = breaker;
            this.retry = retry;
            this.state = breaker.getState();
            this.since = created;
            this.downSince = isDownState(state) ? created : null;
        }

        synchronized void moved(CircuitBreaker.State to) {
            Instant now = clock.instant();
            if (to != state) {
                state = to;
                since = now;
                lastTransition = now;
            }
            if (!isDownState(to)) {
                downSince = null;
            } else if (downSince == null) {
                downSince = now;
            }
        }

        synchronized PlatformHealth snapshot() {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            // the listener normally keeps state in step; this catches a transition it has not seen yet
            CircuitBreaker.State now = breaker.getState();
            if (now != state) {
                moved(now);
            }
            return new PlatformHealth(platform, breaker.getName(), state, m.getFailureRate(), m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls(), m.getNumberOfNotPermittedCalls(), since, downSince, lastTransition);
        }
    }

    /** The outcome a short-circuited call answers with. */
    static ProviderOutcome.Unavailable circuitOpen(Platform platform) {
        return new ProviderOutcome.Unavailable(ResilientNumberProvider.CIRCUIT_OPEN,
                "provider " + platform.name().toLowerCase(Locale.ROOT) + " unavailable: circuit open");
    }
}
