package com.pnhub.command.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.AllocateTemporaryNumberCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.EndFailoverCommand;
import com.pnhub.command.internal.RecordFailoverCommand;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Automatic failover: a fault binding that waits too long gets its holder a temporary number elsewhere. */
class FailoverSagaTest {

    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final String T = "17100000001";
    static final String T2 = "17200000001";
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String NEW_SUBS = "1000039976449999";
    static final long POOL = 100001L;
    static final String OP = "op-1";
    static final Duration AFTER = Duration.ofSeconds(60);

    private SagaTestFixture<FailoverSaga> fixture;
    private FailoverPolicy policy;
    /** Platforms the health check reports down. */
    private final Set<Platform> down = EnumSet.noneOf(Platform.class);
    /**
     * Per platform: the answers of the allocator in turn (a temporary number, or the business rule it breaks),
     * the last one repeated; none: NO_FREE_NUMBER.
     */
    private final Map<Platform, Deque<Object>> allocations = new EnumMap<>(Platform.class);
    /** The platforms an allocation was asked on, in order. */
    private final List<Platform> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(FailoverSaga.class);
        policy = new FailoverPolicy(true, AFTER);
        fixture.registerResource(policy);
        fixture.registerResource((PlatformHealth) down::contains);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof AllocateTemporaryNumberCommand) {
                AllocateTemporaryNumberCommand cmd = (AllocateTemporaryNumberCommand) payload;
                asked.add(cmd.platform());
                Deque<Object> answers = allocations.get(cmd.platform());
                Object answer = answers == null || answers.isEmpty() ? noFreeNumber(cmd.platform())
                        : answers.size() > 1 ? answers.poll() : answers.peek();
                if (answer instanceof BusinessRuleException) {
                    throw (BusinessRuleException) answer;
                }
                return answer;
            }
            return true;
        });
    }

    /** The allocator of the platform answers these in turn, the last one repeated. */
    private void answering(Platform platform, Object... answers) {
        allocations.put(platform, new ArrayDeque<>(List.of(answers)));
    }

    static BusinessRuleException noFreeNumber(Platform platform) {
        return new BusinessRuleException(ErrorCode.NO_FREE_NUMBER, platform.code());
    }

    static AxFaultBoundEvent heldFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.NORMAL, Platform.ALIYUN, POOL, null,
                FaultCause.PROVIDER_UNAVAILABLE, "isp.TIMEOUT: read timed out");
    }

    static AxFaultBoundEvent declaredFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.NORMAL, Platform.ALIYUN, POOL, "1000039976446302",
                FaultCause.DECLARED, "declared");
    }

    static AxFaultBoundEvent temporaryFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.TEMPORARY, Platform.ALIYUN, POOL, null,
                FaultCause.TEMPORARY, "temporary number");
    }

    /** A temporary-type binding with another cause (a declared fault of a temporary number). */
    static AxFaultBoundEvent temporaryTypeFault() {
        return new AxFaultBoundEvent(X, OP, U1, A, BindType.TEMPORARY, Platform.ALIYUN, POOL, null,
                FaultCause.PROVIDER_UNAVAILABLE, "isp.TIMEOUT: read timed out");
    }

    static AllocateTemporaryNumberCommand allocate(Platform platform) {
        return new AllocateTemporaryNumberCommand(U1, A, platform, "failover:" + X);
    }

    static FailoverSaga.FailoverDue due() {
        return new FailoverSaga.FailoverDue(X);
    }

    static FaultBindingRecoveredEvent recovered() {
        return new FaultBindingRecoveredEvent(X, OP, U1, A, NEW_SUBS, BindType.NORMAL);
    }

    // ---- start ----

    @Test
    void canScheduleAFailoverWhenANormalFaultBindingStarts() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(heldFault())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("number", X)
                .expectScheduledDeadlineWithName(AFTER, FailoverSaga.FAILOVER_DEADLINE)
                .expectScheduledDeadline(AFTER, due())
                .expectNoDispatchedCommands();
    }

    @Test
    void canScheduleAFailoverForADeclaredFaultBinding() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(declaredFault())
                .expectActiveSagas(1)
                .expectScheduledDeadline(AFTER, due());
    }

    @Test
    void canScheduleAfterTheWaitOfThePolicy() {
        policy.configure(true, Duration.ofSeconds(5));
        fixture.givenNoPriorActivity()
                .whenPublishingA(heldFault())
                .expectScheduledDeadline(Duration.ofSeconds(5), due())
                .expectNoScheduledDeadlineWithName(AFTER, FailoverSaga.FAILOVER_DEADLINE);
    }

    @Test
    void cannotFailOverATemporaryNumber() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(temporaryFault())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void cannotFailOverATemporaryTypeBindingWhateverTheCause() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(temporaryTypeFault())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cannotFailOverATemporaryCauseOfANormalBinding() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new AxFaultBoundEvent(X, OP, U1, A, BindType.NORMAL, Platform.ALIYUN, POOL, null,
                        FaultCause.TEMPORARY, "temporary number"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cannotStartWhenFailoverIsDisabled() {
        policy.configure(false, AFTER);
        fixture.givenNoPriorActivity()
                .whenPublishingA(heldFault())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void cannotFailOverBeforeTheWaitIsOver() {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER.minusMillis(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofMillis(1), FailoverSaga.FAILOVER_DEADLINE);
        assertThat(asked).isEmpty();
    }

    // ---- the deadline ----

    @Test
    void canAllocateATemporaryNumberOnTheFirstHealthyOtherPlatform() {
        answering(Platform.DONGXIN, T);
        answering(Platform.JIUYUN, T2);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(FailoverSaga.FAILOVER_DEADLINE)
                .expectDispatchedCommands(allocate(Platform.DONGXIN), new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
        assertThat(asked).containsExactly(Platform.DONGXIN);
    }

    @Test
    void cannotAllocateOnThePlatformOfTheFaultBinding() {
        answering(Platform.ALIYUN, T);
        answering(Platform.JIUYUN, T2);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectDispatchedCommands(allocate(Platform.DONGXIN), allocate(Platform.JIUYUN),
                        new RecordFailoverCommand(X, T2, Platform.JIUYUN));
        assertThat(asked).containsExactly(Platform.DONGXIN, Platform.JIUYUN);
    }

    @Test
    void canSkipAPlatformReportedDown() {
        down.add(Platform.DONGXIN);
        answering(Platform.DONGXIN, T);
        answering(Platform.JIUYUN, T2);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectDispatchedCommands(allocate(Platform.JIUYUN), new RecordFailoverCommand(X, T2, Platform.JIUYUN))
                .expectNoScheduledDeadlines();
        assertThat(asked).containsExactly(Platform.JIUYUN);
    }

    @Test
    void canTryTheNextPlatformWhenOneHasNoFreeNumber() {
        answering(Platform.DONGXIN, noFreeNumber(Platform.DONGXIN));
        answering(Platform.JIUYUN, T2);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(allocate(Platform.DONGXIN), allocate(Platform.JIUYUN),
                        new RecordFailoverCommand(X, T2, Platform.JIUYUN))
                .expectNoScheduledDeadlines();
        assertThat(asked).containsExactly(Platform.DONGXIN, Platform.JIUYUN);
    }

    @Test
    void canStopWhenTheHolderAlreadyHasATemporaryNumber() {
        answering(Platform.DONGXIN, new BusinessRuleException(ErrorCode.USER_ALREADY_HAS_FAULT_BINDING, U1));
        answering(Platform.JIUYUN, T2);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(allocate(Platform.DONGXIN))
                .expectNoScheduledDeadlines();
        assertThat(asked).containsExactly(Platform.DONGXIN);
    }

    @Test
    void canTryAgainLaterWhenNoPlatformHasAFreeNumber() {
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(allocate(Platform.DONGXIN), allocate(Platform.JIUYUN))
                .expectScheduledDeadline(AFTER, due())
                .expectScheduledDeadlineWithName(AFTER, FailoverSaga.FAILOVER_DEADLINE)
                .expectActiveSagas(1);
        assertThat(asked).containsExactly(Platform.DONGXIN, Platform.JIUYUN);
    }

    @Test
    void canTryAgainLaterWhenEveryOtherPlatformIsDown() {
        down.add(Platform.DONGXIN);
        down.add(Platform.JIUYUN);
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .whenTimeElapses(AFTER)
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(AFTER, due());
        assertThat(asked).isEmpty();
    }

    @Test
    void canFailOverOnALaterAttemptOnceANumberIsFree() throws Exception {
        answering(Platform.DONGXIN, noFreeNumber(Platform.DONGXIN), T);
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(AFTER)
                .whenTimeElapses(AFTER)
                .expectDispatchedCommands(allocate(Platform.DONGXIN), new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectNoScheduledDeadlines();
        assertThat(asked).containsExactly(Platform.DONGXIN, Platform.JIUYUN, Platform.DONGXIN);
    }

    // ---- the end ----

    @Test
    void canReleaseTheTemporaryNumberWhenTheFaultBindingRecovered() throws Exception {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(AFTER)
                .whenPublishingA(recovered())
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new ReleaseNumberCommand(T, U1, "failover-end:" + X),
                        new EndFailoverCommand(X, T))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canReleaseTheTemporaryNumberWhenTheFaultBindingEnded() throws Exception {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(AFTER)
                .whenPublishingA(new FaultBindingEndedEvent(X, "op-2", U1, BindType.NORMAL, false, "#12"))
                .expectDispatchedCommands(new ReleaseNumberCommand(T, U1, "failover-end:" + X),
                        new EndFailoverCommand(X, T))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canReleaseTheTemporaryNumberWhenTheNumberIsReleased() throws Exception {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(AFTER)
                .whenPublishingA(new NumberReleasedEvent(X, "op-2", U1))
                .expectDispatchedCommands(new ReleaseNumberCommand(T, U1, "failover-end:" + X),
                        new EndFailoverCommand(X, T))
                .expectActiveSagas(0);
    }

    @Test
    void canReleaseTheTemporaryNumberWhenTheFaultBindingIsUnbound() throws Exception {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(declaredFault())
                .andThenTimeElapses(AFTER)
                .whenPublishingA(new AxUnbindRequestedEvent(X, "op-2", U1, A, "1000039976446302", Platform.ALIYUN,
                        POOL, false))
                .expectDispatchedCommands(new ReleaseNumberCommand(T, U1, "failover-end:" + X),
                        new EndFailoverCommand(X, T))
                .expectActiveSagas(0);
    }

    @Test
    void canCancelARescheduledFailoverWhenTheFaultBindingRecovers() throws Exception {
        fixture.givenAPublished(heldFault())
                .andThenTimeElapses(AFTER)
                .whenPublishingA(recovered())
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canEndWithoutReleaseWhenTheFaultBindingRecoversBeforeTheWaitIsOver() {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .whenPublishingA(recovered())
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(asked).isEmpty();
    }

    @Test
    void cannotFailOverAfterTheSagaEnded() throws Exception {
        answering(Platform.DONGXIN, T);
        fixture.givenAPublished(heldFault())
                .andThenAPublished(recovered())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectNoDispatchedCommands();
        assertThat(asked).isEmpty();
    }

    @Test
    void cannotEndOnTheEventsOfAnotherNumber() {
        fixture.givenAPublished(heldFault())
                .whenPublishingA(new FaultBindingRecoveredEvent(X2, OP, U1, A, NEW_SUBS, BindType.NORMAL))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(AFTER, FailoverSaga.FAILOVER_DEADLINE);
    }
}
