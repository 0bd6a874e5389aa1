package com.pnhub.command.provider.resilience;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards one platform's {@link NumberProvider} with that platform's circuit breaker and retry (both owned by
 * {@link ProviderHealth}). Like the provider it wraps, it never throws for a provider failure.
 *
 * <p><b>Breaker.</b> Only {@link ProviderOutcome.Unavailable} counts as a failure; Success and Refused count as
 * successes (a refusal proves the provider is up and answering). While the breaker is open nothing is sent:
 * the call answers {@code Unavailable("pnhub.CIRCUIT_OPEN", ...)} at once, which every caller already treats as
 * "try again later" (a bind becomes a fault binding, a fault push waits for its next deadline, ...).
 *
 * <p><b>Retry.</b> Unavailable outcomes (never Refused, never a short-circuit) are retried with exponential
 * backoff, but only for calls that are safe to repeat:
 * <ul>
 *   <li>unbind: a repeat of an unbind that did reach the provider answers {@code isv.SUBS_NOT_EXIST}, which the
 *       callers count as done;</li>
 *   <li>changeA: setting A to the same value twice leaves the same subscription;</li>
 *   <li>blacklist add / delete: "already there" / "not there" are mapped to success;</li>
 *   <li>reads (querySubsId, querySubscriptionDetail).</li>
 * </ul>
 * <b>bindAx and bindXb are never retried.</b> A bind that timed out may still have been created at the
 * provider; sending it again would be answered {@code isv.BIND_CONFLICT} (X already bound) — a definitive
 * refusal that would end the binding although it exists at the provider. A bind that cannot be confirmed
 * stays Unavailable, so it becomes a fault binding and FaultRecoverySaga settles it later (changeA on the
 * known subscription, else a fresh bind), and reconciliation finds any orphaned subscription.
 *
 * <p>Retries block the calling thread (saga / request thread) for the backoff: with the defaults at most
 * 200 + 400 ms on top of three provider timeouts.
 */
public class ResilientNumberProvider implements NumberProvider {

    private static final Logger log = LoggerFactory.getLogger(ResilientNumberProvider.class);

    /** Code of the answer given without calling the provider because its breaker is open. */
    public static final String CIRCUIT_OPEN = "pnhub.CIRCUIT_OPEN";
    /** Code of the answer given when the wrapped provider broke its contract and threw. */
    public static final String PROVIDER_ERROR = "pnhub.PROVIDER_ERROR";

    private final NumberProvider delegate;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public ResilientNumberProvider(NumberProvider delegate, ProviderHealth health) {
        this(delegate, health.circuitBreaker(delegate.platform()), health.retry(delegate.platform()));
    }

    public ResilientNumberProvider(NumberProvider delegate, CircuitBreaker breaker, Retry retry) {
        this.delegate = delegate;
        this.breaker = breaker;
        this.retry = retry;
    }

    /** The unguarded provider (for code that needs its own type; calls made on it bypass breaker and retry). */
    public NumberProvider delegate() {
        return delegate;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public Platform platform() {
        return delegate.platform();
    }

    /** Not retried: see the class comment. */
    @Override
    public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
        return once(() -> delegate.bindAx(poolKey, x, phoneA, outId));
    }

    @Override
    public ProviderOutcome unbind(String poolKey, String subsId, String x) {
        return retried(() -> delegate.unbind(poolKey, subsId, x));
    }

    @Override
    public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
        return retried(() -> delegate.changeA(poolKey, subsId, x, newPhoneA));
    }

    @Override
    public ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return retried(() -> delegate.addBlacklist(poolKey, number, direction));
    }

    @Override
    public ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return retried(() -> delegate.deleteBlacklist(poolKey, number, direction));
    }

    /** Not retried: a bind that timed out may exist at the provider, a second one would conflict with it. */
    @Override
    public ProviderOutcome bindXb(String poolKey, String x, String phoneA, String phoneB, Instant expiresAt, String outId) {
        return once(() -> delegate.bindXb(poolKey, x, phoneA, phoneB, expiresAt, outId));
    }

    /** Setting an expiration twice sets it once: retried. */
    @Override
    public ProviderOutcome extendXb(String poolKey, String subsId, String x, Instant expiresAt) {
        return retried(() -> delegate.extendXb(poolKey, subsId, x, expiresAt));
    }

    // ------------------------------------------------------------------ queries

    /** A read, retried. */
    @Override
    public ProviderOutcome querySubsId(String poolKey, String x) {
        return retried(() -> delegate.querySubsId(poolKey, x));
    }

    /** A read, retried. */
    @Override
    public DetailOutcome querySubscriptionDetail(String poolKey, String subsId, String x) {
        return execute(true, () -> delegate.querySubscriptionDetail(poolKey, subsId, x), o -> new DetailOutcome(o, null));
    }

    // ------------------------------------------------------------------ guarding

    private ProviderOutcome once(Supplier<ProviderOutcome> call) {
        return execute(false, call, Function.identity());
    }

    private ProviderOutcome retried(Supplier<ProviderOutcome> call) {
        return execute(true, call, Function.identity());
    }

    /**
     * Runs {@code call} through the breaker (each attempt is one breaker call) and, if {@code retryable}, the
     * retry around it. {@code answer} turns an outcome made here (circuit open, delegate threw) into a T.
     */
    private <T> T execute(boolean retryable, Supplier<T> call, Function<ProviderOutcome, T> answer) {
        Supplier<T> guarded = () -> guarded(call, answer);
        return retryable ? retry.executeSupplier(guarded) : guarded.get();
    }

    private <T> T guarded(Supplier<T> call, Function<ProviderOutcome, T> answer) {
        if (!breaker.tryAcquirePermission()) {
            return answer.apply(ProviderHealth.circuitOpen(platform()));
        }
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            if (e instanceof Error) {
                throw e;
            }
            // a NumberProvider must not throw; keep that promise for our callers (class name only: no numbers in logs)
            log.error("provider {} threw {} instead of answering an outcome", platform(), e.getClass().getName());
            return answer.apply(new ProviderOutcome.Unavailable(PROVIDER_ERROR, e.getClass().getName()));
        }
        long elapsed = System.nanoTime() - start;
        if (outcomeOf(result) instanceof ProviderOutcome.Unavailable u) {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UnavailableOutcome(u.code()));
        } else {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
        return result;
    }

    /** The outcome inside a result of one of the guarded calls. */
    static ProviderOutcome outcomeOf(Object result) {
        if (result instanceof ProviderOutcome o) {
            return o;
        }
        if (result instanceof DetailOutcome d) {
            return d.outcome();
        }
        return null;
    }

    /** Retry predicate: a transient failure that really came from the provider (not a short-circuit). */
    static boolean worthRetrying(Object result) {
        return outcomeOf(result) instanceof ProviderOutcome.Unavailable u && !CIRCUIT_OPEN.equals(u.code());
    }

    /** What the breaker records for an Unavailable outcome (no stack trace: it is an answer, not a bug). */
    static final class UnavailableOutcome extends RuntimeException {
        UnavailableOutcome(String code) {
            super(code, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "ResilientNumberProvider[" + breaker.getName() + " " + breaker.getState() + " -> " + delegate + "]";
    }
}
