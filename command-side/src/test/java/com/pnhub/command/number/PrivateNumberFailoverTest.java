package com.pnhub.command.number;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.EndFailoverCommand;
import com.pnhub.api.numbers.FailoverEndedEvent;
import com.pnhub.api.numbers.FailoverStartedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.FaultCause;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.Platform;
import com.pnhub.api.numbers.RecordFailoverCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Automatic failover as the fault binding's own history records it: started and ended with its temporary number. */
class PrivateNumberFailoverTest {

    static final String X = "17000000001";
    static final Platform PLATFORM = Platform.ALIYUN;
    static final long POOL = 100001L;
    static final long REGION = 21L;
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String SUBS = "1000039976446302";
    static final String NEW_SUBS = "1000039976449999";
    static final String T = "17100000001";
    static final String T2 = "17200000001";

    private FixtureConfiguration<PrivateNumber> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        lookup = new InMemoryNumberLookup();
        fixture.registerInjectableResource(lookup);
    }

    static NumberRegisteredEvent registered() {
        return new NumberRegisteredEvent(X, PLATFORM, POOL, REGION);
    }

    static AxBindRequestedEvent bindRequested(String op) {
        return new AxBindRequestedEvent(X, op, U1, A, PLATFORM, POOL, REGION, true);
    }

    static AxBoundEvent bound(String op) {
        return new AxBoundEvent(X, op, U1, A, SUBS, PLATFORM, POOL);
    }

    static AxFaultBoundEvent heldFault(String op) {
        return new AxFaultBoundEvent(X, op, U1, A, BindType.NORMAL, PLATFORM, POOL, null,
                FaultCause.PROVIDER_UNAVAILABLE, "isp.TIMEOUT: read timed out");
    }

    static FailoverStartedEvent started(String temporary, Platform platform) {
        return new FailoverStartedEvent(X, U1, temporary, platform);
    }

    /** U1 bound X to A (op-1), but the provider could not be reached: a fault binding without subscription. */
    static Object[] heldFaultOfU1() {
        return new Object[] {registered(), bindRequested("op-1"), heldFault("op-1")};
    }

    static Object[] plus(Object[] history, Object... more) {
        Object[] all = new Object[history.length + more.length];
        System.arraycopy(history, 0, all, 0, history.length);
        System.arraycopy(more, 0, all, history.length, more.length);
        return all;
    }

    // ---- record ----

    @Test
    void canRecordAFailoverOfAFaultBinding() {
        fixture.given(heldFaultOfU1())
                .when(new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(started(T, Platform.DONGXIN));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotRecordAFailoverOfABoundNumber() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotRecordAFailoverOfARecoveredFaultBinding() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL)))
                .when(new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotRecordAFailoverOfAnUnboundNumber() {
        fixture.given(registered())
                .when(new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotRecordASecondFailover() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN)))
                .when(new RecordFailoverCommand(X, T2, Platform.JIUYUN))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotRecordTheSameFailoverTwice() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN)))
                .when(new RecordFailoverCommand(X, T, Platform.DONGXIN))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canRecordAFailoverAgainAfterTheLastOneEnded() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN), new FailoverEndedEvent(X, U1, T)))
                .when(new RecordFailoverCommand(X, T2, Platform.JIUYUN))
                .expectResultMessagePayload(true)
                .expectEvents(started(T2, Platform.JIUYUN));
    }

    // ---- end ----

    @Test
    void canEndTheFailoverWithItsTemporaryNumber() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN)))
                .when(new EndFailoverCommand(X, T))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new FailoverEndedEvent(X, U1, T));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canEndTheFailoverAfterTheFaultBindingRecovered() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN),
                        new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL)))
                .when(new EndFailoverCommand(X, T))
                .expectResultMessagePayload(true)
                .expectEvents(new FailoverEndedEvent(X, U1, T));
    }

    @Test
    void cannotEndTheFailoverWithAnotherNumber() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN)))
                .when(new EndFailoverCommand(X, T2))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotEndAFailoverThatDidNotStart() {
        fixture.given(heldFaultOfU1())
                .when(new EndFailoverCommand(X, T))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotEndAFailoverTwice() {
        fixture.given(plus(heldFaultOfU1(), started(T, Platform.DONGXIN), new FailoverEndedEvent(X, U1, T)))
                .when(new EndFailoverCommand(X, T))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
