package com.pnhub.command.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.resilience.FakeProvider.Call;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ResilientNumberProviderTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    MutableClock clock;
    ProviderHealth health;
    FakeProvider aliyun;
    ResilientNumberProvider provider;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        // the defaults except a 1 ms backoff, so retried calls do not slow the tests down
        health = new ProviderHealth(new ResilienceSettings(null, null, null, null, null, null, Duration.ofMillis(1), null), clock);
        aliyun = new FakeProvider(Platform.ALIYUN);
        provider = new ResilientNumberProvider(aliyun, health);
    }

    @Test
    void opensAfterEnoughUnavailableOutcomesAndThenAnswersWithoutCallingTheProvider() {
        aliyun.answer(FakeProvider.DOWN);
        for (int i = 0; i < 9; i++) {
            assertThat(provider.bindAx("1", "x", "a", "op")).isEqualTo(FakeProvider.DOWN);
        }
        assertThat(state()).as("9 calls are below the minimum of 10").isEqualTo(CircuitBreaker.State.CLOSED);
        clock.advance(Duration.ofSeconds(1));
        provider.bindAx("1", "x", "a", "op");
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(aliyun.calls(Call.BIND_AX)).isEqualTo(10);

        ProviderOutcome shortCircuited = provider.bindAx("1", "x", "a", "op");
        assertThat(shortCircuited).isEqualTo(new ProviderOutcome.Unavailable("pnhub.CIRCUIT_OPEN",
                "provider aliyun unavailable: circuit open"));
        // retried calls are not retried on a short-circuit either, and nothing reaches the provider
        assertThat(provider.unbind("1", "s", "x")).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(provider.changeA("1", "s", "x", "b")).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(aliyun.totalCalls()).isEqualTo(10);
        assertThat(provider.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(3);
    }

    @Test
    void refusalsNeverOpenTheBreaker() {
        aliyun.answer(FakeProvider.CONFLICT);
        for (int i = 0; i < 50; i++) {
            assertThat(provider.bindAx("1", "x", "a", "op")).isEqualTo(FakeProvider.CONFLICT);
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.circuitBreaker().getMetrics().getFailureRate()).isZero();

        // 9 failures in a window of 20: 45 % stays below the 50 % threshold
        aliyun.answer(FakeProvider.OK);
        for (int i = 0; i < 9; i++) {
            aliyun.then(Call.BIND_AX, FakeProvider.DOWN);
        }
        for (int i = 0; i < 20; i++) {
            provider.bindAx("1", "x", "a", "op");
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(health.downSince(Platform.ALIYUN)).isEmpty();
    }

    @Test
    void halfOpenAfterTheWaitLetsProbesThroughAndClosesOnSuccess() {
        open();
        clock.advance(ResilienceSettings.DEFAULT_WAIT_IN_OPEN.minusSeconds(1));
        aliyun.answer(FakeProvider.OK);
        assertThat(provider.bindAx("1", "x", "a", "op")).isInstanceOf(ProviderOutcome.Unavailable.class);
        int callsWhileOpen = aliyun.totalCalls();

        clock.advance(Duration.ofSeconds(2));
        assertThat(provider.bindAx("1", "x", "a", "op")).isEqualTo(FakeProvider.OK);
        assertThat(state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(provider.changeA("1", "s", "x", "b")).isEqualTo(FakeProvider.OK);
        assertThat(provider.unbind("1", "s", "x")).isEqualTo(FakeProvider.OK);
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(aliyun.totalCalls()).isEqualTo(callsWhileOpen + 3);
        assertThat(health.downSince(Platform.ALIYUN)).isEmpty();
    }

    @Test
    void halfOpenProbesThatFailOpenItAgain() {
        open();
        clock.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 3; i++) {
            provider.bindAx("1", "x", "a", "op");
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(provider.bindAx("1", "x", "a", "op")).extracting(ResilientNumberProvider::outcomeOf)
                .isEqualTo(ProviderHealth.circuitOpen(Platform.ALIYUN));
    }

    @Test
    void retriesChangeAUnbindAndBlacklistCallsOnUnavailableOnly() {
        aliyun.then(Call.CHANGE_A, FakeProvider.DOWN, FakeProvider.DOWN);
        assertThat(provider.changeA("1", "s", "x", "b")).isEqualTo(FakeProvider.OK);
        assertThat(aliyun.calls(Call.CHANGE_A)).isEqualTo(3);

        // an unbind that reached the provider and is repeated answers SUBS_NOT_EXIST: the caller's "done"
        ProviderOutcome gone = new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "no such subscription");
        aliyun.then(Call.UNBIND, FakeProvider.DOWN, gone);
        assertThat(provider.unbind("1", "s", "x")).isEqualTo(gone);
        assertThat(aliyun.calls(Call.UNBIND)).isEqualTo(2);

        aliyun.then(Call.ADD_BLACKLIST, FakeProvider.DOWN);
        assertThat(provider.addBlacklist("1", "n", BlacklistDirection.INBOUND)).isEqualTo(FakeProvider.OK);
        aliyun.then(Call.DELETE_BLACKLIST, FakeProvider.DOWN);
        assertThat(provider.deleteBlacklist("1", "n", BlacklistDirection.INBOUND)).isEqualTo(FakeProvider.OK);
        assertThat(aliyun.calls(Call.ADD_BLACKLIST)).isEqualTo(2);
        assertThat(aliyun.calls(Call.DELETE_BLACKLIST)).isEqualTo(2);

        // 5 failures in 9 calls so far: one more would open the breaker, which stops retries; start afresh
        health.reset(Platform.ALIYUN);
        // three attempts at most; the last Unavailable is the answer
        aliyun.answer(FakeProvider.DOWN);
        assertThat(provider.unbind("1", "s", "x")).isEqualTo(FakeProvider.DOWN);
        assertThat(aliyun.calls(Call.UNBIND)).isEqualTo(5);

        // a refusal is final
        aliyun.answer(FakeProvider.OK).then(Call.CHANGE_A, FakeProvider.CONFLICT);
        assertThat(provider.changeA("1", "s", "x", "b")).isEqualTo(FakeProvider.CONFLICT);
        assertThat(aliyun.calls(Call.CHANGE_A)).isEqualTo(4);
    }

    @Test
    void neverRetriesABind() {
        aliyun.then(Call.BIND_AX, FakeProvider.DOWN);
        assertThat(provider.bindAx("1", "x", "a", "op")).isEqualTo(FakeProvider.DOWN);
        assertThat(aliyun.calls(Call.BIND_AX)).isEqualTo(1);
    }

    @Test
    void retriesBackOffExponentiallyFrom200MillisByDefault() {
        ProviderHealth defaults = new ProviderHealth(ResilienceSettings.defaults(), clock);
        var config = defaults.retry(Platform.JIUYUN).getRetryConfig();
        assertThat(config.getMaxAttempts()).isEqualTo(3);
        assertThat(config.getIntervalBiFunction().apply(1, null)).isEqualTo(200L);
        assertThat(config.getIntervalBiFunction().apply(2, null)).isEqualTo(400L);
        var breaker = defaults.circuitBreaker(Platform.JIUYUN).getCircuitBreakerConfig();
        assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
        assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(breaker.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        assertThat(defaults.circuitBreaker(Platform.JIUYUN).getName()).isEqualTo("provider-jiuyun");
    }

    @Test
    void aProviderThatThrowsIsUnavailableAndCountsAsAFailure() {
        aliyun.throwing(new IllegalStateException("boom 13900000000"));
        ProviderOutcome outcome = provider.bindAx("1", "x", "a", "op");
        assertThat(outcome).isEqualTo(new ProviderOutcome.Unavailable("pnhub.PROVIDER_ERROR", "java.lang.IllegalStateException"));
        assertThat(provider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthReportsOpenWithTheInstantItWentDownUntilItClosesOrIsReset() {
        assertThat(health.platform(Platform.ALIYUN).orElseThrow().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(health.platform(Platform.DONGXIN)).isEmpty();
        assertThat(health.downSince(Platform.DONGXIN)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        Instant wentDown = open();
        ProviderHealth.PlatformHealth h = health.platform(Platform.ALIYUN).orElseThrow();
        assertThat(h.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(h.since()).isEqualTo(wentDown);
        assertThat(h.failureRate()).isEqualTo(100f);
        assertThat(health.downSince(Platform.ALIYUN)).contains(wentDown);
        assertThat(health.isDown(Platform.ALIYUN)).isTrue();

        // a failed probe: half-open then open again, still down since the first instant
        clock.advance(Duration.ofSeconds(11));
        Instant probed = clock.instant();
        for (int i = 0; i < 3; i++) {
            provider.unbind("1", "s", "x");
        }
        h = health.platform(Platform.ALIYUN).orElseThrow();
        assertThat(h.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(h.since()).isEqualTo(probed);
        assertThat(h.downSince()).isEqualTo(wentDown);

        Health indicator = new ProvidersHealthIndicator(health).health();
        assertThat(indicator.getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.getDetails().get("down")).isEqualTo(List.of("aliyun"));
        assertThat((Map<Object, Object>) indicator.getDetails().get("aliyun")).containsEntry("state", "OPEN")
                .containsEntry("downSince", wentDown.toString());

        clock.advance(Duration.ofSeconds(1));
        health.reset(Platform.ALIYUN);
        h = health.platform(Platform.ALIYUN).orElseThrow();
        assertThat(h.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(h.since()).isEqualTo(clock.instant());
        assertThat(health.downSince(Platform.ALIYUN)).isEmpty();
        assertThat(new ProvidersHealthIndicator(health).health().getDetails().get("down")).isEqualTo(List.of());
        aliyun.answer(FakeProvider.OK);
        assertThat(provider.bindAx("1", "x", "a", "op")).isEqualTo(FakeProvider.OK);
    }

    /** Opens the breaker with 10 failed binds; returns the instant it opened. */
    private Instant open() {
        aliyun.answer(FakeProvider.DOWN);
        for (int i = 0; i < 10; i++) {
            provider.bindAx("1", "x", "a", "op");
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);
        return clock.instant();
    }

    private CircuitBreaker.State state() {
        return provider.circuitBreaker().getState();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
