package com.pnhub.command.number;

import static com.pnhub.command.number.BusinessRuleMatcher.rule;
import static com.pnhub.command.number.PrivateNumberTest.A2;
import static com.pnhub.command.number.PrivateNumberTest.A;
import static com.pnhub.command.number.PrivateNumberTest.PLATFORM;
import static com.pnhub.command.number.PrivateNumberTest.POOL;
import static com.pnhub.command.number.PrivateNumberTest.REGION;
import static com.pnhub.command.number.PrivateNumberTest.SUBS;
import static com.pnhub.command.number.PrivateNumberTest.U1;
import static com.pnhub.command.number.PrivateNumberTest.U2;
import static com.pnhub.command.number.PrivateNumberTest.X2;
import static com.pnhub.command.number.PrivateNumberTest.X;
import static com.pnhub.command.number.PrivateNumberTest.assignedUnboundToU1;
import static com.pnhub.command.number.PrivateNumberTest.bindRequested;
import static com.pnhub.command.number.PrivateNumberTest.boundToU1;
import static com.pnhub.command.number.PrivateNumberTest.plus;
import static com.pnhub.command.number.PrivateNumberTest.registered;
import static com.pnhub.command.number.PrivateNumberTest.unbindRequested;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistXCommand;
import com.pnhub.api.blacklist.UnblacklistXCommand;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legacy #4 (transfer), MQ176 (an agent's binding follows the agent's phone) and #7 for X numbers. */
class PrivateNumberTransferAndBlacklistTest {

    static final String A3 = "13470110003";
    static final String U3 = "80001";
    static final String ADMIN = "admin";
    static final BlacklistDirection OUT = BlacklistDirection.OUTBOUND;
    static final BlacklistDirection IN = BlacklistDirection.INBOUND;

    private FixtureConfiguration<PrivateNumber> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        lookup = new InMemoryNumberLookup();
        fixture.registerInjectableResource(lookup);
    }

    static AxTransferRequestedEvent transferRequested(String op, String to, String newPhone) {
        return new AxTransferRequestedEvent(X, op, U1, to, A, newPhone, SUBS, PLATFORM, POOL);
    }

    static Object[] transferToU2InFlight() {
        return plus(boundToU1(), transferRequested("op-2", U2, A2));
    }

    static XBlacklistedEvent xBlacklisted(BlacklistDirection direction) {
        return new XBlacklistedEvent(X, PLATFORM, POOL, direction, ADMIN);
    }

    // ---- transfer ----

    @Test
    void canStartATransferOfABoundNumberToAnotherAgentsPhone() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(boundToU1())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(transferRequested("op-2", U2, A2));
        // both keep a slot until the provider answered; the holder moves on confirm
        assertThat(lookup.calls()).containsExactly("reserve " + X + " " + U2 + " NORMAL");
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
        assertThat(lookup.slotOf(U1, BindType.NORMAL)).isEqualTo(X);
        assertThat(lookup.slotOf(U2, BindType.NORMAL)).isEqualTo(X);
    }

    @Test
    void canFinishATransferWhenTheProviderConfirmsTheChangeOfA() {
        lookup.with(X, PLATFORM, POOL, REGION, U1).withSlot(X, U2);
        fixture.given(transferToU2InFlight())
                .when(new ConfirmAxPhoneChangeCommand(X, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new NumberTransferredEvent(X, "op-2", U1, U2, A, A2, BindState.BOUND, BindType.NORMAL));
        assertThat(lookup.calls()).containsExactly("releaseSlot " + X + " " + U1 + " NORMAL", "setHolder " + X + " " + U2 + " NORMAL");
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
        assertThat(lookup.slotOf(U1, BindType.NORMAL)).isNull();
    }

    @Test
    void cannotFinishATransferOnTheConfirmOfAnotherOperation() {
        fixture.given(transferToU2InFlight())
                .when(new ConfirmAxPhoneChangeCommand(X, "op-other"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canGiveTheNumberBackToTheOldHolderWhenTheProviderRefusesTheTransfer() {
        lookup.with(X, PLATFORM, POOL, REGION, U1).withSlot(X, U2);
        fixture.given(transferToU2InFlight())
                .when(new RejectAxPhoneChangeCommand(X, "op-2", "isv.INVALID_PHONE", "bad", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AxTransferRejectedEvent(X, "op-2", U1, U2, "isv.INVALID_PHONE", "bad", false));
        assertThat(lookup.calls()).containsExactly("releaseSlot " + X + " " + U2 + " NORMAL");
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
        assertThat(lookup.slotOf(U2, BindType.NORMAL)).isNull();
    }

    @Test
    void canRejectATransferWhenTheProviderIsUnavailable() {
        fixture.given(transferToU2InFlight())
                .when(new RejectAxPhoneChangeCommand(X, "op-2", "isp.TIMEOUT", "timeout", true))
                .expectEvents(new AxTransferRejectedEvent(X, "op-2", U1, U2, "isp.TIMEOUT", "timeout", true));
    }

    @Test
    void cannotRejectATransferOfAnotherOperation() {
        lookup.with(X, PLATFORM, POOL, REGION, U1).withSlot(X, U2);
        fixture.given(transferToU2InFlight())
                .when(new RejectAxPhoneChangeCommand(X, "op-other", "c", "r", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void canKeepTheNumberWithTheOldHolderAtTheOldAAfterARejectedTransfer() {
        fixture.given(plus(transferToU2InFlight(),
                        new AxTransferRejectedEvent(X, "op-2", U1, U2, "isv.INVALID_PHONE", "bad", false)))
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectEvents(unbindRequested("op-3", U1, A, false));
    }

    @Test
    void cannotLetTheWouldBeHolderUnbindAfterARejectedTransfer() {
        fixture.given(plus(transferToU2InFlight(),
                        new AxTransferRejectedEvent(X, "op-2", U1, U2, "isv.INVALID_PHONE", "bad", false)))
                .when(new UnbindAxCommand(X, U2, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
    }

    @Test
    void canChangeAAgainAfterARejectedTransferAsAPlainChangeOfA() {
        // the transfer's pending parties must not leak into a later change of A
        fixture.given(plus(transferToU2InFlight(),
                        new AxTransferRejectedEvent(X, "op-2", U1, U2, "isv.INVALID_PHONE", "bad", false),
                        new AxPhoneChangeRequestedEvent(X, "op-3", U1, A, A3, SUBS, PLATFORM, POOL)))
                .when(new ConfirmAxPhoneChangeCommand(X, "op-3"))
                .expectEvents(new AxPhoneChangedEvent(X, "op-3", U1, A, A3, BindState.BOUND));
    }

    @Test
    void cannotChangeAWhileATransferIsInFlight() {
        fixture.given(transferToU2InFlight())
                .when(new ChangeAxPhoneCommand(X, U1, A3, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY, "号码[" + X + "]正在处理中,请稍后再试"))
                .expectNoEvents();
    }

    @Test
    void cannotTransferAgainWhileATransferIsInFlight() {
        fixture.given(transferToU2InFlight())
                .when(new TransferNumberCommand(X, U1, U3, A3, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canTransferAnAssignedButUnboundNumberAtOnce() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(assignedUnboundToU1())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectEvents(new NumberTransferredEvent(X, "op-3", U1, U2, null, null, BindState.UNBOUND, BindType.NORMAL));
        assertThat(lookup.calls()).containsExactly("reserve " + X + " " + U2 + " NORMAL",
                "releaseSlot " + X + " " + U1 + " NORMAL", "setHolder " + X + " " + U2 + " NORMAL");
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
    }

    @Test
    void canBindATransferredUnboundNumberForItsNewHolderWithoutANewAssignment() {
        fixture.given(plus(assignedUnboundToU1(), new NumberTransferredEvent(X, "op-3", U1, U2, null, null, BindState.UNBOUND, BindType.NORMAL)))
                .when(new BindAxCommand(X, U2, A2, null, "op-4"))
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(bindRequested("op-4", U2, A2, false));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canTransferABoundNumberAtOnceWhenTheNewPhoneIsTheCurrentA() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(boundToU1())
                .when(new TransferNumberCommand(X, U1, U2, A, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectEvents(new NumberTransferredEvent(X, "op-2", U1, U2, A, A, BindState.BOUND, BindType.NORMAL));
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
    }

    @Test
    void canKeepABoundNumberBoundAfterAnImmediateTransfer() {
        fixture.given(plus(boundToU1(), new NumberTransferredEvent(X, "op-2", U1, U2, A, A, BindState.BOUND, BindType.NORMAL)))
                .when(new BindAxCommand(X, U2, A, null, "op-3"))
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
    }

    @Test
    void cannotTransferANumberHeldBySomeoneElse() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(boundToU1())
                .when(new TransferNumberCommand(X, U2, U3, A3, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void cannotTransferANumberNobodyHolds() {
        fixture.given(registered())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-1"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U1 + "]"))
                .expectNoEvents();
    }

    @Test
    void cannotTransferANumberToItsHolder() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(boundToU1())
                .when(new TransferNumberCommand(X, U1, U1, A2, "op-2"))
                .expectException(rule(ErrorCode.TRANSFER_TO_SELF, "不能转移给同一个用户[" + U1 + "]"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotTransferWhileAnUnbindingIsInFlight() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY, "号码[" + X + "]正在处理中,请稍后再试"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotTransferWhileABindingIsInFlight() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    @Test
    void cannotTransferToAUserWhoAlreadyHoldsANumber() {
        lookup.with(X, PLATFORM, POOL, REGION, U1).with(X2, PLATFORM, POOL, REGION, U2);
        fixture.given(boundToU1())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-2"))
                .expectException(rule(ErrorCode.USER_ALREADY_HAS_NUMBER, "您存在绑定的小号,不能再绑定新的小号"))
                .expectNoEvents();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
        assertThat(lookup.holderOf(X2)).isEqualTo(U2);
    }

    @Test
    void canLetTheNewHolderUnbindAfterATransfer() {
        fixture.given(plus(transferToU2InFlight(), new NumberTransferredEvent(X, "op-2", U1, U2, A, A2, BindState.BOUND, BindType.NORMAL)))
                .when(new UnbindAxCommand(X, U2, "op-3"))
                .expectEvents(new AxUnbindRequestedEvent(X, "op-3", U2, A2, SUBS, PLATFORM, POOL, false));
    }

    @Test
    void cannotLetTheOldHolderUnbindAfterATransfer() {
        fixture.given(plus(transferToU2InFlight(), new NumberTransferredEvent(X, "op-2", U1, U2, A, A2, BindState.BOUND, BindType.NORMAL)))
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U1 + "]"))
                .expectNoEvents();
    }

    @Test
    void canLetTheNewHolderTransferTheNumberOnAfterATransfer() {
        lookup.with(X, PLATFORM, POOL, REGION, U2);
        fixture.given(plus(transferToU2InFlight(), new NumberTransferredEvent(X, "op-2", U1, U2, A, A2, BindState.BOUND, BindType.NORMAL)))
                .when(new TransferNumberCommand(X, U2, U3, A3, "op-3"))
                .expectResultMessagePayload(true)
                .expectEvents(new AxTransferRequestedEvent(X, "op-3", U2, U3, A2, A3, SUBS, PLATFORM, POOL));
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
        assertThat(lookup.slotOf(U3, BindType.NORMAL)).isEqualTo(X);
    }

    // ---- follow the agent's phone (MQ176) ----

    @Test
    void canMoveABindingToTheHoldersNewPhone() {
        fixture.given(boundToU1())
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AxPhoneChangeRequestedEvent(X, "ev-1:" + X, U1, A, A2, SUBS, PLATFORM, POOL));
    }

    @Test
    void canConfirmAFollowedPhoneAsAPlainChangeOfA() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "ev-1:" + X, U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new ConfirmAxPhoneChangeCommand(X, "ev-1:" + X))
                .expectEvents(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.BOUND));
    }

    @Test
    void cannotFollowThePhoneOfAnotherUser() {
        fixture.given(boundToU1())
                .when(new FollowAgentPhoneCommand(X, U2, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotFollowAPhoneTheNumberIsNotBoundTo() {
        fixture.given(boundToU1())
                .when(new FollowAgentPhoneCommand(X, U1, A3, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotFollowThePhoneOnAnUnboundNumber() {
        fixture.given(assignedUnboundToU1())
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canIgnoreAFollowWhenTheNumberIsAlreadyAtTheNewPhone() {
        fixture.given(boundToU1())
                .when(new FollowAgentPhoneCommand(X, U1, A3, A, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canIgnoreARepeatedFollowOnceTheChangeIsConfirmed() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "ev-1:" + X, U1, A, A2, SUBS, PLATFORM, POOL),
                        new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.BOUND)))
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotFollowWhileTheHoldersUnbindingIsInFlight() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectException(rule(ErrorCode.NUMBER_BUSY, "号码[" + X + "]正在处理中,请稍后再试"))
                .expectNoEvents();
    }

    @Test
    void cannotFollowWhileTheHoldersBindingIsInFlight() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    @Test
    void canIgnoreAFollowOfAnotherUserWhileTheNumberIsBusy() {
        fixture.given(registered(), bindRequested("op-1", U2, A, true))
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    // ---- blacklist X ----

    @Test
    void canBlacklistTheNumber() {
        fixture.given(registered())
                .when(new BlacklistXCommand(X, PLATFORM, OUT, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(xBlacklisted(OUT));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canBlacklistABoundNumberWithoutTouchingTheBinding() {
        fixture.given(plus(boundToU1(), xBlacklisted(IN)))
                .when(new BindAxCommand(X, U1, A, null, "op-2"))
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
    }

    @Test
    void canIgnoreBlacklistingTheSameDirectionAgain() {
        fixture.given(registered(), xBlacklisted(OUT))
                .when(new BlacklistXCommand(X, PLATFORM, OUT, "someone-else"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canBlacklistTheOtherDirectionToo() {
        fixture.given(registered(), xBlacklisted(OUT))
                .when(new BlacklistXCommand(X, PLATFORM, IN, ADMIN))
                .expectEvents(xBlacklisted(IN));
    }

    @Test
    void canUnblacklistOneOfTwoDirectionsAndSayTheOtherRemains() {
        fixture.given(registered(), xBlacklisted(OUT), xBlacklisted(IN))
                .when(new UnblacklistXCommand(X, PLATFORM, OUT, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new XUnblacklistedEvent(X, PLATFORM, POOL, OUT, ADMIN, true));
    }

    @Test
    void canUnblacklistTheLastDirection() {
        fixture.given(registered(), xBlacklisted(OUT), xBlacklisted(IN),
                        new XUnblacklistedEvent(X, PLATFORM, POOL, OUT, ADMIN, true))
                .when(new UnblacklistXCommand(X, PLATFORM, IN, ADMIN))
                .expectEvents(new XUnblacklistedEvent(X, PLATFORM, POOL, IN, ADMIN, false));
    }

    @Test
    void canUnblacklistTheOnlyDirection() {
        fixture.given(registered(), xBlacklisted(IN))
                .when(new UnblacklistXCommand(X, PLATFORM, IN, ADMIN))
                .expectEvents(new XUnblacklistedEvent(X, PLATFORM, POOL, IN, ADMIN, false));
    }

    @Test
    void canIgnoreUnblacklistingADirectionThatIsNotBlacklisted() {
        fixture.given(registered(), xBlacklisted(IN))
                .when(new UnblacklistXCommand(X, PLATFORM, OUT, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canIgnoreUnblacklistingANumberThatWasNeverBlacklisted() {
        fixture.given(registered())
                .when(new UnblacklistXCommand(X, PLATFORM, OUT, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canBlacklistAgainAfterAnUnblacklist() {
        fixture.given(registered(), xBlacklisted(OUT), new XUnblacklistedEvent(X, PLATFORM, POOL, OUT, ADMIN, false))
                .when(new BlacklistXCommand(X, PLATFORM, OUT, ADMIN))
                .expectEvents(xBlacklisted(OUT));
    }

    @Test
    void cannotBlacklistTheNumberOnAnotherPlatform() {
        fixture.given(registered())
                .when(new BlacklistXCommand(X, Platform.DONGXIN, OUT, ADMIN))
                .expectException(rule(ErrorCode.PLATFORM_MISMATCH, "号码[" + X + "]不属于平台[1]"))
                .expectNoEvents();
    }

    @Test
    void cannotUnblacklistTheNumberOnAnotherPlatform() {
        fixture.given(registered(), xBlacklisted(OUT))
                .when(new UnblacklistXCommand(X, Platform.JIUYUN, OUT, ADMIN))
                .expectException(rule(ErrorCode.PLATFORM_MISMATCH, "号码[" + X + "]不属于平台[2]"))
                .expectNoEvents();
    }
}
