package com.pnhub.command.xb;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.api.xb.EndXbBindingCommand;
import com.pnhub.api.xb.ExpireXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbUnbindingCommand;
import com.pnhub.command.internal.RejectXbBindingCommand;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.ScriptedNumberProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer binding's life at the provider: bind, expiry on a deadline, unbind with retries. */
class ClientBindingSagaTest {

    static final String X = "17000000001";
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String B = "13800000001";
    static final String BINDING = "xb-1";
    static final long CALLBACK = 4711L;
    static final String SUBS = "2000000000000001";
    static final long POOL = 100001L;
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant EXPIRES = NOW.plusSeconds(120);
    static final ClientBindingContext HOUSE = new ClientBindingContext(3L, 880011L, 0L, 0L);

    private SagaTestFixture<ClientBindingSaga> fixture;
    private ScriptedNumberProvider aliyun;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ClientBindingSaga.class);
        fixture.givenCurrentTime(NOW);
        aliyun = new ScriptedNumberProvider(Platform.ALIYUN);
        fixture.registerResource(new ProviderRegistry(List.of(aliyun)));
        fixture.registerCommandGateway(CommandGateway.class);
    }

    static XbBindRequestedEvent requested(Instant expiresAt) {
        return new XbBindRequestedEvent(X, "op-1", BINDING, CALLBACK, U1, A, B, expiresAt, HOUSE, Platform.ALIYUN, POOL);
    }

    static XbBoundEvent bound() {
        return new XbBoundEvent(X, "op-1", BINDING, CALLBACK, U1, A, B, SUBS, EXPIRES, HOUSE, Platform.ALIYUN, POOL);
    }

    static XbBindingExpiredEvent expired() {
        return new XbBindingExpiredEvent(X, BINDING, U1, A, B, SUBS, EXPIRES, Platform.ALIYUN, POOL);
    }

    static XbUnbindRequestedEvent unbindRequested() {
        return new XbUnbindRequestedEvent(X, "op-mq108", BINDING, SUBS, Platform.ALIYUN, POOL);
    }

    static String unbindCall() {
        return "unbind " + POOL + " " + SUBS + " " + X;
    }

    @Test
    void canBindAtTheProviderWithTheAbsoluteExpiration() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(EXPIRES))
                .expectActiveSagas(1)
                .expectAssociationWith("bindingId", BINDING)
                .expectDispatchedCommands(new ConfirmXbBindingCommand(X, BINDING, "op-1", SUBS));
        assertThat(aliyun.calls()).containsExactly("bindXb " + POOL + " " + X + " " + A + " " + B + " " + EXPIRES + " " + CALLBACK);
    }

    @Test
    void canGiveTheProviderAtLeastAMinuteForAShortBinding() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(NOW.plusSeconds(5)))
                .expectDispatchedCommands(new ConfirmXbBindingCommand(X, BINDING, "op-1", SUBS));
        assertThat(aliyun.calls()).singleElement().asString().doesNotContain(NOW.plusSeconds(5).toString());
    }

    @Test
    void canRejectABindingTheProviderRefuses() {
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "pair taken"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(EXPIRES))
                .expectDispatchedCommands(new RejectXbBindingCommand(X, BINDING, "op-1", "isv.BIND_CONFLICT", "pair taken", false));
    }

    @Test
    void canRejectABindingWhenTheProviderIsUnreachable() {
        aliyun.answering(new ProviderOutcome.Unavailable("pnhub.TIMEOUT", "read timed out"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(EXPIRES))
                .expectDispatchedCommands(new RejectXbBindingCommand(X, BINDING, "op-1", "pnhub.TIMEOUT", "read timed out", true));
    }

    @Test
    void canEndTheSagaWhenTheBindingWasRejected() {
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "pair taken"));
        fixture.givenAPublished(requested(EXPIRES))
                .whenPublishingA(new XbBindingRejectedEvent(X, "op-1", BINDING, U1, B, "isv.BIND_CONFLICT", "pair taken", false))
                .expectActiveSagas(0);
    }

    @Test
    void canScheduleTheExpiryWhenBound() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenAPublished(requested(EXPIRES))
                .whenPublishingA(bound())
                .expectScheduledDeadlineWithName(EXPIRES, ClientBindingSaga.EXPIRY_DEADLINE)
                .expectScheduledDeadline(EXPIRES, new ClientBindingSaga.ExpiryDue(X, BINDING, EXPIRES));
    }

    @Test
    void cannotExpireBeforeTheTime() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound())
                .whenTimeElapses(Duration.ofSeconds(119))
                .expectNoDispatchedCommands();
    }

    @Test
    void canExpireWhenTheTimeIsUp() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound())
                .whenTimeElapses(Duration.ofSeconds(120))
                .expectTriggeredDeadlinesWithName(ClientBindingSaga.EXPIRY_DEADLINE)
                .expectDispatchedCommands(new ExpireXbBindingCommand(X, BINDING, EXPIRES));
    }

    @Test
    void canMoveTheExpiryWhenExtended() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        Instant later = EXPIRES.plusSeconds(60);
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound())
                .andThenAPublished(new XbBindingExtendedEvent(X, "op-2", BINDING, EXPIRES, later))
                .whenTimeElapses(Duration.ofSeconds(150))
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(later, new ClientBindingSaga.ExpiryDue(X, BINDING, later));
    }

    @Test
    void canAskForTheUnbindItselfWhenNoMq108MessageArrives() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(expired())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectTriggeredDeadlinesWithName(ClientBindingSaga.UNBIND_FALLBACK_DEADLINE)
                .expectDispatchedCommands(new EndXbBindingCommand(X, SUBS, "xb-fallback:" + BINDING));
    }

    @Test
    void cannotAskForTheUnbindTwiceWhenMq108Arrived() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"),
                new ProviderOutcome.Unavailable("pnhub.TIMEOUT", "read timed out"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(expired())
                .andThenAPublished(unbindRequested())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectNoScheduledDeadlineWithName(Duration.ZERO, ClientBindingSaga.UNBIND_FALLBACK_DEADLINE)
                .expectDispatchedCommands();
    }

    @Test
    void canUnbindAtTheProviderAndEnd() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"), new ProviderOutcome.Success(null, "req-2"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(expired())
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new ConfirmXbUnbindingCommand(X, BINDING, "op-mq108", null, null));
        assertThat(aliyun.calls()).last().isEqualTo(unbindCall());
    }

    @Test
    void canEndTheBindingWhenTheProviderNoLongerKnowsIt() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"),
                new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "Subscription does not exist"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(expired())
                .whenPublishingA(unbindRequested())
                .expectDispatchedCommands(new ConfirmXbUnbindingCommand(X, BINDING, "op-mq108", "isv.SUBS_NOT_EXIST",
                        "Subscription does not exist"));
    }

    @Test
    void canRetryAnUnbindWhileTheProviderIsUnreachable() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"),
                new ProviderOutcome.Unavailable("pnhub.TIMEOUT", "read timed out"),
                new ProviderOutcome.Unavailable("pnhub.TIMEOUT", "read timed out"),
                new ProviderOutcome.Success(null, "req-4"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(expired())
                .andThenAPublished(unbindRequested())
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectTriggeredDeadlinesWithName(ClientBindingSaga.UNBIND_RETRY_DEADLINE,
                        ClientBindingSaga.UNBIND_RETRY_DEADLINE)
                .expectDispatchedCommands(new ConfirmXbUnbindingCommand(X, BINDING, "op-mq108", null, null));
        assertThat(aliyun.calls()).hasSize(4).last().isEqualTo(unbindCall());
    }

    @Test
    void cannotExpireABindingThatWasEndedEarly() {
        aliyun.answering(new ProviderOutcome.Success(SUBS, "req-1"));
        fixture.givenAPublished(requested(EXPIRES)).andThenAPublished(bound()).andThenAPublished(unbindRequested())
                .andThenAPublished(new XbUnboundEvent(X, "op-mq108", BINDING, CALLBACK, U1, B, SUBS, null, null))
                .whenTimeElapses(Duration.ofSeconds(600))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}
