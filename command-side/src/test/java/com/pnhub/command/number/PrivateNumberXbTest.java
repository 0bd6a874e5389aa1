package com.pnhub.command.number;

import static com.pnhub.command.number.BusinessRuleMatcher.rule;
import static com.pnhub.command.number.PrivateNumberTest.A;
import static com.pnhub.command.number.PrivateNumberTest.PLATFORM;
import static com.pnhub.command.number.PrivateNumberTest.POOL;
import static com.pnhub.command.number.PrivateNumberTest.U1;
import static com.pnhub.command.number.PrivateNumberTest.U2;
import static com.pnhub.command.number.PrivateNumberTest.X;
import static com.pnhub.command.number.PrivateNumberTest.assignedUnboundToU1;
import static com.pnhub.command.number.PrivateNumberTest.boundToU1;
import static com.pnhub.command.number.PrivateNumberTest.plus;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.calls.RecordCallCommand;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.xb.BindXbCommand;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.api.xb.EndXbBindingCommand;
import com.pnhub.api.xb.ExpireXbBindingCommand;
import com.pnhub.api.xb.ExtendXbBindingCommand;
import com.pnhub.api.xb.XbBindStart;
import com.pnhub.command.internal.AttributeCallCommand;
import com.pnhub.command.internal.ConfirmXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbUnbindingCommand;
import com.pnhub.command.internal.RejectXbBindingCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customer (XB) bindings and call records on the PrivateNumber aggregate (legacy #5, MQ108, MQ175). */
class PrivateNumberXbTest {

    static final String B = "13800000001";
    static final String B2 = "13800000002";
    static final String BINDING = "xb-1";
    static final long CALLBACK = 4711L;
    static final String XB_SUBS = "2000000000000001";
    static final Instant EXPIRES = Instant.parse("2026-11-28T12:02:00Z");
    static final ClientBindingContext HOUSE = new ClientBindingContext(3L, 880011L, 0L, 0L);

    private FixtureConfiguration<PrivateNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        fixture.registerInjectableResource(new InMemoryNumberLookup());
    }

    static BindXbCommand bindXb(String bindingId, long callbackId, String user, String b) {
        return new BindXbCommand(X, bindingId, callbackId, user, b, EXPIRES, HOUSE, "op-" + bindingId);
    }

    static XbBindRequestedEvent xbRequested() {
        return new XbBindRequestedEvent(X, "op-" + BINDING, BINDING, CALLBACK, U1, A, B, EXPIRES, HOUSE, PLATFORM, POOL);
    }

    static XbBoundEvent xbBound() {
        return new XbBoundEvent(X, "op-" + BINDING, BINDING, CALLBACK, U1, A, B, XB_SUBS, EXPIRES, HOUSE, PLATFORM, POOL);
    }

    static XbBindingExpiredEvent xbExpired() {
        return new XbBindingExpiredEvent(X, BINDING, U1, A, B, XB_SUBS, EXPIRES, PLATFORM, POOL);
    }

    static XbUnbindRequestedEvent xbUnbindRequested(String op) {
        return new XbUnbindRequestedEvent(X, op, BINDING, XB_SUBS, PLATFORM, POOL);
    }

    static Object[] liveXb() {
        return plus(boundToU1(), xbRequested(), xbBound());
    }

    static CallRecord call(String callId, String subsId) {
        Instant t = Instant.parse("2026-11-28T12:00:30Z");
        return new CallRecord(callId, subsId, A, B, 1, t, t.plusSeconds(5), t.plusSeconds(65), 16, 1, "17");
    }

    @Test
    void canBindACustomerOnTheAgentsBoundNumber() {
        fixture.given(boundToU1())
                .when(bindXb(BINDING, CALLBACK, U1, B))
                .expectResultMessagePayload(new XbBindStart(false, BINDING, CALLBACK, null, EXPIRES))
                .expectEvents(xbRequested());
    }

    @Test
    void canConfirmACustomerBindingWithItsSubscription() {
        fixture.given(plus(boundToU1(), xbRequested()))
                .when(new ConfirmXbBindingCommand(X, BINDING, "op-" + BINDING, XB_SUBS))
                .expectEvents(xbBound());
    }

    @Test
    void cannotBindACustomerWithoutABoundNumber() {
        fixture.given(assignedUnboundToU1())
                .when(bindXb(BINDING, CALLBACK, U1, B))
                .expectException(rule(ErrorCode.XB_NEEDS_BOUND_NUMBER))
                .expectNoEvents();
    }

    @Test
    void cannotBindACustomerOnAnotherAgentsNumber() {
        fixture.given(boundToU1())
                .when(bindXb(BINDING, CALLBACK, U2, B))
                .expectException(rule(ErrorCode.XB_NEEDS_BOUND_NUMBER))
                .expectNoEvents();
    }

    @Test
    void cannotBindACustomerWhenXMayNotCallOut() {
        fixture.given(plus(boundToU1(), new XBlacklistedEvent(X, PLATFORM, POOL, BlacklistDirection.OUTBOUND, "1")))
                .when(bindXb(BINDING, CALLBACK, U1, B))
                .expectException(rule(ErrorCode.XB_NUMBER_BLACKLISTED))
                .expectNoEvents();
    }

    @Test
    void cannotBindTheAgentsOwnPhoneAsCustomer() {
        fixture.given(boundToU1())
                .when(bindXb(BINDING, CALLBACK, U1, A))
                .expectException(rule(ErrorCode.XB_CUSTOMER_IS_AGENT))
                .expectNoEvents();
    }

    @Test
    void canAskAgainForTheSameCustomerAndGetTheLiveBinding() {
        fixture.given(liveXb())
                .when(bindXb("xb-2", 0L, U1, B))
                .expectResultMessagePayload(new XbBindStart(true, BINDING, CALLBACK, XB_SUBS, EXPIRES))
                .expectNoEvents();
    }

    @Test
    void canBindManyCustomersOnOneNumber() {
        fixture.given(liveXb())
                .when(bindXb("xb-2", 4712L, U1, B2))
                .expectEvents(new XbBindRequestedEvent(X, "op-xb-2", "xb-2", 4712L, U1, A, B2, EXPIRES, HOUSE, PLATFORM, POOL));
    }

    @Test
    void cannotReuseALiveCallbackIdForAnotherCustomer() {
        fixture.given(liveXb())
                .when(bindXb("xb-2", CALLBACK, U1, B2))
                .expectException(rule(ErrorCode.XB_ID_IN_USE))
                .expectNoEvents();
    }

    @Test
    void canRejectACustomerBindingAndBindThePairAgainLater() {
        fixture.given(plus(boundToU1(), xbRequested(),
                        new XbBindingRejectedEvent(X, "op-" + BINDING, BINDING, U1, B, "isv.BIND_CONFLICT", "taken", false)))
                .when(bindXb("xb-2", CALLBACK, U1, B))
                .expectEvents(new XbBindRequestedEvent(X, "op-xb-2", "xb-2", CALLBACK, U1, A, B, EXPIRES, HOUSE, PLATFORM, POOL));
    }

    @Test
    void canRecordTheProvidersRefusal() {
        fixture.given(plus(boundToU1(), xbRequested()))
                .when(new RejectXbBindingCommand(X, BINDING, "op-" + BINDING, "pnhub.TIMEOUT", "timed out", true))
                .expectEvents(new XbBindingRejectedEvent(X, "op-" + BINDING, BINDING, U1, B, "pnhub.TIMEOUT", "timed out", true));
    }

    @Test
    void canExtendALiveBinding() {
        Instant later = EXPIRES.plusSeconds(120);
        fixture.given(liveXb())
                .when(new ExtendXbBindingCommand(X, BINDING, later, "op-ext"))
                .expectResultMessagePayload(true)
                .expectEvents(new XbBindingExtendedEvent(X, "op-ext", BINDING, EXPIRES, later));
    }

    @Test
    void canExpireALiveBindingAtItsDeadline() {
        fixture.given(liveXb())
                .when(new ExpireXbBindingCommand(X, BINDING, EXPIRES))
                .expectResultMessagePayload(true)
                .expectEvents(xbExpired());
    }

    @Test
    void cannotExpireABindingThatWasExtendedPastTheDeadline() {
        fixture.given(plus(liveXb(), new XbBindingExtendedEvent(X, "op-ext", BINDING, EXPIRES, EXPIRES.plusSeconds(60))))
                .when(new ExpireXbBindingCommand(X, BINDING, EXPIRES))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotExpireABindingTwice() {
        fixture.given(plus(liveXb(), xbExpired()))
                .when(new ExpireXbBindingCommand(X, BINDING, EXPIRES))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canEndAnExpiredBindingBySubscription() {
        fixture.given(plus(liveXb(), xbExpired()))
                .when(new EndXbBindingCommand(X, XB_SUBS, "op-mq108"))
                .expectResultMessagePayload(BINDING)
                .expectEvents(xbUnbindRequested("op-mq108"));
    }

    @Test
    void canReceiveTheSameUnbindMessageTwiceWithOneEffect() {
        fixture.given(plus(liveXb(), xbExpired(), xbUnbindRequested("op-mq108")))
                .when(new EndXbBindingCommand(X, XB_SUBS, "op-mq108-again"))
                .expectResultMessagePayload(BINDING)
                .expectNoEvents();
    }

    @Test
    void cannotEndASubscriptionThatIsNoCustomerBindingOfX() {
        fixture.given(liveXb())
                .when(new EndXbBindingCommand(X, "9999", "op-mq108"))
                .expectResultMessagePayload(null)
                .expectNoEvents();
    }

    @Test
    void canFinishTheUnbindAndForgetTheBinding() {
        fixture.given(plus(liveXb(), xbExpired(), xbUnbindRequested("op-mq108")))
                .when(new ConfirmXbUnbindingCommand(X, BINDING, "op-mq108", null, null))
                .expectEvents(new XbUnboundEvent(X, "op-mq108", BINDING, CALLBACK, U1, B, XB_SUBS, null, null));
        // gone: the pair can be bound anew
        fixture.given(plus(liveXb(), xbExpired(), xbUnbindRequested("op-mq108"),
                        new XbUnboundEvent(X, "op-mq108", BINDING, CALLBACK, U1, B, XB_SUBS, null, null)))
                .when(bindXb("xb-2", CALLBACK, U1, B))
                .expectEvents(new XbBindRequestedEvent(X, "op-xb-2", "xb-2", CALLBACK, U1, A, B, EXPIRES, HOUSE, PLATFORM, POOL));
    }

    @Test
    void canReleaseANumberEndingItsCustomerBindingsFirst() {
        fixture.given(liveXb())
                .when(new ReleaseNumberCommand(X, U1, "op-rel"))
                .expectEvents(xbUnbindRequested("op-rel"),
                        PrivateNumberTest.unbindRequested("op-rel", U1, A, true));
    }

    @Test
    void canAttributeACallOnALiveCustomerBindingsSubscriptionToItsAgentAndHouse() {
        fixture.given(liveXb())
                .when(new AttributeCallCommand(X, XB_SUBS))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CallAttribution(CallAttribution.XB, U1, A, BINDING, CALLBACK, HOUSE))
                .expectNoEvents();
    }

    @Test
    void cannotAttributeACallOnASubscriptionNoLiveCustomerBindingHas() {
        fixture.given(plus(liveXb(), xbExpired(), xbUnbindRequested("op-mq108"),
                        new XbUnboundEvent(X, "op-mq108", BINDING, CALLBACK, U1, B, XB_SUBS, null, null)))
                .when(new AttributeCallCommand(X, XB_SUBS))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(null)
                .expectNoEvents();
    }

    @Test
    void cannotRecordACallInTheNumbersStream() {
        // a call is a stream of its own (RecordedCall): the number has no handler for it
        fixture.given(liveXb())
                .when(new RecordCallCommand(CallRecordedEvent.streamOf("call-1"), X, call("call-1", XB_SUBS), CallAttribution.none()))
                .expectException(org.axonframework.commandhandling.NoHandlerForCommandException.class);
    }
}
