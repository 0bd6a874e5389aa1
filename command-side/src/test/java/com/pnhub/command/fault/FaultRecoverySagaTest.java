package com.pnhub.command.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.FaultRecoveryRequestedEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmFaultPushCommand;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.ScriptedNumberProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushing a fault binding to its provider on a deadline, until it is taken, refused, or ended locally. */
class FaultRecoverySagaTest {

    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String U2 = "74705";
    static final String SUBS = "1000039976446302";
    static final String NEW_SUBS = "1000039976449999";
    static final long POOL = 100001L;
    static final String OP = "op-1";
    static final String GONE = "isv.SUBS_NOT_EXIST";

    private SagaTestFixture<FaultRecoverySaga> fixture;
    private ScriptedNumberProvider aliyun;
    private ScriptedNumberProvider dongxin;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(FaultRecoverySaga.class);
        aliyun = new ScriptedNumberProvider(Platform.ALIYUN);
        dongxin = new ScriptedNumberProvider(Platform.DONGXIN);
        fixture.registerResource(new ProviderRegistry(List.of(aliyun, dongxin)));
        fixture.registerCommandGateway(CommandGateway.class);
    }

    /** The bind could not reach the provider: no subscription. */
    static AxFaultBoundEvent heldFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.NORMAL, Platform.ALIYUN, POOL, null,
                FaultCause.PROVIDER_UNAVAILABLE, "isp.TIMEOUT: read timed out");
    }

    /** An operator declared a live binding faulty: the provider still has its subscription. */
    static AxFaultBoundEvent declaredFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.NORMAL, Platform.ALIYUN, POOL, SUBS, FaultCause.DECLARED,
                "declared");
    }

    static AxFaultBoundEvent temporaryFault(Platform platform) {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.TEMPORARY, platform, POOL, null, FaultCause.TEMPORARY,
                "temporary number");
    }

    static String bindCall() {
        return "bindAx " + POOL + " " + X + " " + A + " " + OP;
    }

    static String changeACall() {
        return "changeA " + POOL + " " + SUBS + " " + X + " " + A;
    }

    static FaultRecoverySaga.PushDue due() {
        return new FaultRecoverySaga.PushDue(X);
    }

    // ---- start ----

    @Test
    void canScheduleAPushWhenAFaultBindingStarts() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(heldFault())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("number", X)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(2), FaultRecoverySaga.PUSH_DEADLINE)
                .expectScheduledDeadline(Duration.ofSeconds(2), due())
                .expectScheduledDeadlineOfType(Duration.ofSeconds(2), FaultRecoverySaga.PushDue.class)
                .expectNoDispatchedCommands();
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void cannotPushBeforeTheFirstWaitIsOver() {
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(Duration.ofMillis(1999))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofMillis(1), FaultRecoverySaga.PUSH_DEADLINE);
        assertThat(aliyun.calls()).isEmpty();
    }

    // ---- a fault binding without subscription: bind anew ----

    @Test
    void canConfirmTheFaultBindingWhenTheProviderTakesTheBind() {
        aliyun.answering(new ProviderOutcome.Success(NEW_SUBS, "req-1"));
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(FaultRecoverySaga.PUSH_DEADLINE)
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
        assertThat(aliyun.calls()).containsExactly(bindCall());
    }

    @Test
    void canUndoTheSubscriptionOfAPushThatCameTooLate() {
        aliyun.answering(new ProviderOutcome.Success(NEW_SUBS, "req-1"), new ProviderOutcome.Success(null, "req-2"));
        // the fault binding ended while the push ran: the aggregate refuses the confirm
        fixture.setCallbackBehavior((payload, metaData) -> payload instanceof ConfirmFaultPushCommand ? Boolean.FALSE : null);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A));
        assertThat(aliyun.calls()).containsExactly(bindCall(), "unbind " + POOL + " " + NEW_SUBS + " " + X);
    }

    @Test
    void canPushATemporaryNumberToTheProviderOfItsPlatform() {
        dongxin.answering(new ProviderOutcome.Success(NEW_SUBS, "req-1"));
        fixture.givenAPublished(temporaryFault(Platform.DONGXIN))
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A));
        assertThat(dongxin.calls()).containsExactly(bindCall());
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canTryAgainLaterWhenTheProviderIsStillUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(Duration.ofSeconds(4), due())
                .expectScheduledDeadlineWithName(Duration.ofSeconds(4), FaultRecoverySaga.PUSH_DEADLINE)
                .expectNoScheduledDeadlineWithName(Duration.ofSeconds(2), FaultRecoverySaga.PUSH_DEADLINE)
                .expectActiveSagas(1);
        assertThat(aliyun.calls()).containsExactly(bindCall());
    }

    @Test
    void canWaitLongerAfterEachUnavailableAttemptUpToTheCap() throws Exception {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        // attempts at 2 s, then after 4 s; the second wait would be 8 s and is capped at 5 s
        ContinuedGivenState given = fixture.givenAPublished(heldFault())
                .andThenTimeElapses(Duration.ofSeconds(2));
        given.whenTimeElapses(Duration.ofSeconds(4))
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(Duration.ofSeconds(5), due())
                .expectNoScheduledDeadlineWithName(Duration.ofSeconds(8), FaultRecoverySaga.PUSH_DEADLINE);
        assertThat(aliyun.calls()).hasSize(2).containsOnly(bindCall());
    }

    @Test
    void canKeepWaitingTheCapOnceReached() throws Exception {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(Duration.ofSeconds(2))
                .andThenTimeElapses(Duration.ofSeconds(4))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(Duration.ofSeconds(5), due());
        assertThat(aliyun.calls()).hasSize(3);
    }

    @Test
    void canDoubleTheWaitFromTheFirstRetryUpToTheCap() {
        assertThat(FaultRecoverySaga.nextWait(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(FaultRecoverySaga.nextWait(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(FaultRecoverySaga.nextWait(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(FaultRecoverySaga.nextWait(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(FaultRecoverySaga.nextWait(1_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(FaultRecoverySaga.nextWait(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void canNeverShortenTheWait() {
        List<Duration> waits = new ArrayList<>();
        for (int attempts = 0; attempts <= 40; attempts++) {
            waits.add(FaultRecoverySaga.nextWait(attempts));
        }
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i)).isGreaterThanOrEqualTo(waits.get(i - 1));
            assertThat(waits.get(i)).isLessThanOrEqualTo(Duration.ofSeconds(5)).isPositive();
        }
    }

    @Test
    void canEndTheFaultBindingWhenTheProviderRefusesTheBind() {
        aliyun.answering(new ProviderOutcome.Refused("isv.BIND_CONFLICT", "X already bound"));
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new EndFaultBindingCommand(X, null, false, OP,
                        "provider refused the fault binding: isv.BIND_CONFLICT"))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(bindCall());
    }

    @Test
    void canConfirmAfterSeveralUnavailableAttempts() throws Exception {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"),
                new ProviderOutcome.Unavailable("isv.FLOW_LIMIT", "slow down"),
                new ProviderOutcome.Success(NEW_SUBS, "req-3"));
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(Duration.ofSeconds(2))
                .andThenTimeElapses(Duration.ofSeconds(4))
                .whenTimeElapses(Duration.ofSeconds(8))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(bindCall(), bindCall(), bindCall());
    }

    // ---- a declared fault binding: the provider still has the subscription; pushed only when asked ----

    static FaultRecoveryRequestedEvent recoveryAsked() {
        return new FaultRecoveryRequestedEvent(X, "op-r", U1, OP);
    }

    @Test
    void cannotPushADeclaredFaultBindingByItself() {
        fixture.givenAPublished(declaredFault())
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canConfirmADeclaredFaultBindingByMovingItsSubscriptionsAWhenARecoveryIsAsked() {
        aliyun.answeringChangeA(new ProviderOutcome.Success(null, "req-1"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(recoveryAsked())
                .whenTimeElapses(Duration.ofMillis(1))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, SUBS, A))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(changeACall());
    }

    @Test
    void cannotPushOnTheRecoveryOfAnotherFaultBinding() {
        fixture.givenAPublished(declaredFault())
                .whenPublishingA(new FaultRecoveryRequestedEvent(X, "op-r", U1, "op-earlier"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canBindAnewWhenTheDeclaredSubscriptionIsGone() {
        aliyun.answeringChangeA(new ProviderOutcome.Refused(GONE, "no such subscription"))
                .answeringBind(new ProviderOutcome.Success(NEW_SUBS, "req-2"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(recoveryAsked())
                .whenTimeElapses(Duration.ofMillis(1))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(changeACall(), bindCall());
    }

    @Test
    void canTryTheBindAgainWithoutTheGoneSubscription() throws Exception {
        aliyun.answeringChangeA(new ProviderOutcome.Refused(GONE, "no such subscription"))
                .answeringBind(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"),
                        new ProviderOutcome.Success(NEW_SUBS, "req-3"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(recoveryAsked())
                .andThenTimeElapses(Duration.ofMillis(1))
                .whenTimeElapses(Duration.ofSeconds(4))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A));
        assertThat(aliyun.calls()).containsExactly(changeACall(), bindCall(), bindCall());
    }

    @Test
    void canTryTheChangeOfAAgainWhenTheProviderIsUnavailable() throws Exception {
        aliyun.answeringChangeA(new ProviderOutcome.Unavailable("HTTP_503", "unavailable"),
                new ProviderOutcome.Success(null, "req-2"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(recoveryAsked())
                .andThenTimeElapses(Duration.ofMillis(1))
                .whenTimeElapses(Duration.ofSeconds(4))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, SUBS, A))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(changeACall(), changeACall());
    }

    @Test
    void canEndADeclaredFaultBindingWhenTheProviderRefusesTheChangeOfA() {
        aliyun.answeringChangeA(new ProviderOutcome.Refused("isv.INVALID_PHONE", "bad phone"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(recoveryAsked())
                .whenTimeElapses(Duration.ofMillis(1))
                .expectDispatchedCommands(new EndFaultBindingCommand(X, null, true, OP,
                        "provider refused the fault binding: isv.INVALID_PHONE"))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly(changeACall());
    }

    // ---- the holder's phone changes while the binding is a fault binding (MQ176, #4) ----

    @Test
    void canPushAFaultBindingWithThePhoneTheHolderHasWhenThePushIsMade() {
        aliyun.answering(new ProviderOutcome.Success(NEW_SUBS, "req-1"));
        fixture.givenAPublished(heldFault())
                .andThenAPublished(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT))
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A2));
        assertThat(aliyun.calls()).containsExactly("bindAx " + POOL + " " + X + " " + A2 + " " + OP);
    }

    @Test
    void canPushATransferredFaultBindingToTheNewHoldersPhone() {
        aliyun.answering(new ProviderOutcome.Success(NEW_SUBS, "req-1"));
        fixture.givenAPublished(heldFault())
                .andThenAPublished(new NumberTransferredEvent(X, "op-t", U1, U2, A, A2, BindState.FAULT, BindType.NORMAL))
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new ConfirmFaultPushCommand(X, OP, NEW_SUBS, A2));
        assertThat(aliyun.calls()).containsExactly("bindAx " + POOL + " " + X + " " + A2 + " " + OP);
    }

    @Test
    void canMoveTheSubscriptionOfADeclaredFaultBindingToTheNewPhoneAtOnce() {
        aliyun.answeringChangeA(new ProviderOutcome.Success(null, "req-1"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT))
                .whenTimeElapses(Duration.ofMillis(1))
                .expectTriggeredDeadlinesWithName(FaultRecoverySaga.SYNC_A_DEADLINE)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).containsExactly("changeA " + POOL + " " + SUBS + " " + X + " " + A2);
    }

    @Test
    void canKeepMovingTheSubscriptionsAWhileTheProviderIsUnavailable() throws Exception {
        aliyun.answeringChangeA(new ProviderOutcome.Unavailable("HTTP_503", "unavailable"),
                new ProviderOutcome.Success(null, "req-2"));
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT))
                .andThenTimeElapses(Duration.ofMillis(1))
                .whenTimeElapses(Duration.ofSeconds(4))
                .expectNoScheduledDeadlines();
        assertThat(aliyun.calls()).hasSize(2).containsOnly("changeA " + POOL + " " + SUBS + " " + X + " " + A2);
    }

    @Test
    void cannotFollowAChangeOfAOfAProviderBinding() {
        fixture.givenAPublished(declaredFault())
                .whenPublishingA(new AxPhoneChangedEvent(X, "op-2", U1, A, A2, BindState.BOUND))
                .expectNoScheduledDeadlines();
    }

    // ---- end of the saga ----

    @Test
    void canEndWhenTheFaultBindingRecovered() {
        fixture.givenAPublished(heldFault())
                .whenPublishingA(new FaultBindingRecoveredEvent(X, OP, U1, A, NEW_SUBS, BindType.NORMAL))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void canEndWhenTheFaultBindingEnded() {
        fixture.givenAPublished(heldFault())
                .whenPublishingA(new FaultBindingEndedEvent(X, "op-2", U1, BindType.NORMAL, false, "#12"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canEndWhenTheNumberIsReleased() {
        fixture.givenAPublished(heldFault())
                .whenPublishingA(new NumberReleasedEvent(X, "op-2", U1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canPauseWhileTheFaultBindingIsBeingUnboundAndEndWhenItIs() {
        fixture.givenAPublished(declaredFault())
                .whenPublishingA(new AxUnbindRequestedEvent(X, "op-2", U1, A, SUBS, Platform.ALIYUN, POOL, false))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(new AxUnbindRequestedEvent(X, "op-2", U1, A, SUBS, Platform.ALIYUN, POOL, false))
                .whenPublishingA(new AxUnboundEvent(X, "op-2", U1, A, SUBS))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canKeepPushingWhenTheProviderRefusesToUnbindTheFaultBinding() {
        fixture.givenAPublished(heldFault())
                .andThenAPublished(new AxUnbindRequestedEvent(X, "op-2", U1, A, null, Platform.ALIYUN, POOL, false))
                .whenPublishingA(new AxUnbindingRejectedEvent(X, "op-2", U1, "isv.X", "no", false, BindState.FAULT))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(2), FaultRecoverySaga.PUSH_DEADLINE);
    }

    @Test
    void cannotPushADeclaredFaultBindingWhoseUnbindWasRefused() {
        fixture.givenAPublished(declaredFault())
                .andThenAPublished(new AxUnbindRequestedEvent(X, "op-2", U1, A, SUBS, Platform.ALIYUN, POOL, false))
                .whenPublishingA(new AxUnbindingRejectedEvent(X, "op-2", U1, "isv.X", "no", false, BindState.FAULT))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canCancelARescheduledPushWhenTheFaultBindingEnds() throws Exception {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(Duration.ofSeconds(2))
                .whenPublishingA(new FaultBindingEndedEvent(X, "op-2", U1, BindType.NORMAL, false, "#12"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cannotPushAfterTheSagaEnded() throws Exception {
        fixture.givenAPublished(heldFault())
                .andThenAPublished(new NumberReleasedEvent(X, "op-2", U1))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectNoDispatchedCommands();
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void cannotEndOnTheEventsOfAnotherNumber() {
        fixture.givenAPublished(heldFault())
                .whenPublishingA(new FaultBindingEndedEvent(X2, "op-2", U1, BindType.NORMAL, false, "#12"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(2), FaultRecoverySaga.PUSH_DEADLINE);
    }
}
