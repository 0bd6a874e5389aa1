package com.pnhub.command.number;

import static com.pnhub.command.number.PrivateNumberFaultTest.bindRequested;
import static com.pnhub.command.number.PrivateNumberFaultTest.bound;
import static com.pnhub.command.number.PrivateNumberFaultTest.heldFault;
import static com.pnhub.command.number.PrivateNumberFaultTest.heldFaultOfU1;
import static com.pnhub.command.number.PrivateNumberTest.A;
import static com.pnhub.command.number.PrivateNumberTest.PLATFORM;
import static com.pnhub.command.number.PrivateNumberTest.POOL;
import static com.pnhub.command.number.PrivateNumberTest.REGION;
import static com.pnhub.command.number.PrivateNumberTest.SUBS;
import static com.pnhub.command.number.PrivateNumberTest.U1;
import static com.pnhub.command.number.PrivateNumberTest.X;
import static com.pnhub.command.number.PrivateNumberTest.plus;
import static com.pnhub.command.number.PrivateNumberTest.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FailoverEndedEvent;
import com.pnhub.api.numbers.FailoverStartedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.EndFailoverCommand;
import com.pnhub.command.internal.RecordFailoverCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Automatic failover as the fault binding's own history records it: started and ended with its temporary number. */
class PrivateNumberFailoverTest {

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

    static FailoverStartedEvent started(String temporary, Platform platform) {
        return new FailoverStartedEvent(X, U1, temporary, platform);
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
