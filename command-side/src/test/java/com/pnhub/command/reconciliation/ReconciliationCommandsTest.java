package com.pnhub.command.reconciliation;

import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.CorrectProviderPhoneCommand;
import com.pnhub.command.internal.MarkSubscriptionLostCommand;
import com.pnhub.command.number.InMemoryNumberLookup;
import com.pnhub.command.number.PrivateNumber;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two repairs of reconciliation on the aggregate: a lost subscription and a provider A that is not ours. */
class ReconciliationCommandsTest {

    static final String X = "17000000091";
    static final Platform PLATFORM = Platform.ALIYUN;
    static final long POOL = 100001L;
    static final long REGION = 21L;
    static final String U1 = "51218";
    static final String A = "13470110001";
    static final String SUBS = "1000039976446302";
    static final String OTHER_SUBS = "1000039976449999";

    private FixtureConfiguration<PrivateNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        fixture.registerInjectableResource(new InMemoryNumberLookup());
    }

    static NumberRegisteredEvent registered() {
        return new NumberRegisteredEvent(X, PLATFORM, POOL, REGION);
    }

    static AxBindRequestedEvent bindRequested() {
        return new AxBindRequestedEvent(X, "op-1", U1, A, PLATFORM, POOL, REGION, true);
    }

    static AxBoundEvent bound() {
        return new AxBoundEvent(X, "op-1", U1, A, SUBS, PLATFORM, POOL);
    }

    // ---- MarkSubscriptionLostCommand

    @Test
    void aLostSubscriptionMakesABoundNumberAFaultBindingWithoutSubscription() {
        fixture.given(registered(), bindRequested(), bound())
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AxFaultBoundEvent(X, "op-r", U1, A, BindType.NORMAL, PLATFORM, POOL, null,
                        FaultCause.SUBSCRIPTION_LOST, "reconciliation: subscription " + SUBS + " lost at the provider"));
    }

    @Test
    void aLostSubscriptionWithoutExpectedIdIsAcceptedToo() {
        fixture.given(registered(), bindRequested(), bound())
                .when(new MarkSubscriptionLostCommand(X, null, "op-r"))
                .expectResultMessagePayload(true);
    }

    @Test
    void aLostSubscriptionChangesNothingWhenTheBindingHasAnotherSubscriptionByNow() {
        fixture.given(registered(), bindRequested(), bound())
                .when(new MarkSubscriptionLostCommand(X, OTHER_SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aLostSubscriptionChangesNothingWhenNotBound() {
        fixture.given(registered())
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered(), bindRequested())
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered(), bindRequested(), bound(),
                        new AxFaultBoundEvent(X, "op-f", U1, A, BindType.NORMAL, PLATFORM, POOL, SUBS, FaultCause.DECLARED, "declared"))
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered(), bindRequested(), bound(),
                        new AxUnbindRequestedEvent(X, "op-u", U1, A, SUBS, PLATFORM, POOL, false))
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered(), bindRequested(), bound(),
                        new AxUnbindRequestedEvent(X, "op-u", U1, A, SUBS, PLATFORM, POOL, false),
                        new AxUnboundEvent(X, "op-u", U1, A, SUBS))
                .when(new MarkSubscriptionLostCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    // ---- CorrectProviderPhoneCommand

    @Test
    void aMismatchedAIsMovedBackToOurs() {
        fixture.given(registered(), bindRequested(), bound())
                .when(new CorrectProviderPhoneCommand(X, SUBS, "op-r"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AxPhoneChangeRequestedEvent(X, "op-r", U1, A, A, SUBS, PLATFORM, POOL));
    }

    @Test
    void aMismatchedAChangesNothingWhenTheBindingMovedOnOrIsNotBound() {
        fixture.given(registered(), bindRequested(), bound())
                .when(new CorrectProviderPhoneCommand(X, OTHER_SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered())
                .when(new CorrectProviderPhoneCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(registered(), bindRequested(), bound(),
                        new AxPhoneChangeRequestedEvent(X, "op-c", U1, A, "13470110002", SUBS, PLATFORM, POOL))
                .when(new CorrectProviderPhoneCommand(X, SUBS, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
