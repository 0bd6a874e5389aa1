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
import static com.pnhub.command.number.PrivateNumberTest.X;
import static com.pnhub.command.number.PrivateNumberTest.plus;
import static com.pnhub.command.number.PrivateNumberTest.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.DeclareFaultBindingCommand;
import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.fault.RecoverFaultBindingCommand;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.FaultRecoveryRequestedEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.ConfirmFaultPushCommand;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.internal.HoldFaultBindingCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault bindings (bind state 5): held, declared, pushed, ended (legacy #11, #12, #13, #17 on the aggregate). */
class PrivateNumberFaultTest {

    static final String NEW_SUBS = "1000039976449999";

    private FixtureConfiguration<PrivateNumber> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        lookup = new InMemoryNumberLookup();
        fixture.registerInjectableResource(lookup);
    }

    // ---- events of the number X, as the history gives them ----

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

    static AxFaultBoundEvent declaredFault(String op, String subsId, BindType bindType) {
        return new AxFaultBoundEvent(X, op, U1, A, bindType, PLATFORM, POOL, subsId, FaultCause.DECLARED, "declared");
    }

    static AxFaultBoundEvent temporaryFault(String op) {
        return new AxFaultBoundEvent(X, op, U1, A, BindType.TEMPORARY, PLATFORM, POOL, null, FaultCause.TEMPORARY,
                "temporary number");
    }

    static AxUnbindRequestedEvent unbindRequested(String op, String subsId, boolean releaseAfter) {
        return new AxUnbindRequestedEvent(X, op, U1, A, subsId, PLATFORM, POOL, releaseAfter);
    }

    /** U1 bound X to A (op-1), but the provider could not be reached: a fault binding without subscription. */
    static Object[] heldFaultOfU1() {
        return new Object[] {registered(), bindRequested("op-1"), heldFault("op-1")};
    }

    /** U1 held X bound to A with SUBS (op-1); an operator declared it faulty (op-2): the subscription is kept. */
    static Object[] declaredFaultOfU1() {
        return new Object[] {registered(), bindRequested("op-1"), bound("op-1"), declaredFault("op-2", SUBS, BindType.NORMAL)};
    }

    /** X is U1's temporary number (op-1), a fault binding without subscription. */
    static Object[] temporaryFaultOfU1() {
        return new Object[] {registered(), temporaryFault("op-1")};
    }

    /** U1's temporary number X was pushed (SUBS, op-1) and then declared faulty (op-2): temporary, with a subscription. */
    static Object[] declaredTemporaryFaultOfU1() {
        return new Object[] {registered(), temporaryFault("op-1"),
                new FaultBindingRecoveredEvent(X, "op-1", U1, A, SUBS, BindType.TEMPORARY),
                declaredFault("op-2", SUBS, BindType.TEMPORARY)};
    }

    // ---- hold: the provider was unavailable for the bind ----

    @Test
    void canHoldABindingAsAFaultBindingWhenTheProviderIsUnavailable() {
        fixture.given(registered(), bindRequested("op-1"))
                .when(new HoldFaultBindingCommand(X, "op-1", "isp.TIMEOUT", "read timed out"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(heldFault("op-1"));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotHoldAFaultBindingForAnotherOperation() {
        fixture.given(registered(), bindRequested("op-1"))
                .when(new HoldFaultBindingCommand(X, "op-9", "isp.TIMEOUT", "read timed out"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotHoldAFaultBindingOfABoundNumber() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new HoldFaultBindingCommand(X, "op-1", "isp.TIMEOUT", "read timed out"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotHoldAFaultBindingTwice() {
        fixture.given(heldFaultOfU1())
                .when(new HoldFaultBindingCommand(X, "op-1", "isp.TIMEOUT", "read timed out"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotHoldAFaultBindingOfAnUnboundNumber() {
        fixture.given(registered())
                .when(new HoldFaultBindingCommand(X, "op-1", "isp.TIMEOUT", "read timed out"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- declare (#11) ----

    @Test
    void canDeclareABoundNumberFaultyKeepingItsSubscription() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new DeclareFaultBindingCommand(X, U1, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(declaredFault("op-2", SUBS, BindType.NORMAL));
    }

    @Test
    void canDeclareABoundNumberFaultyForAnyHolder() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new DeclareFaultBindingCommand(X, null, "op-2"))
                .expectResultMessagePayload(true)
                .expectEvents(declaredFault("op-2", SUBS, BindType.NORMAL));
    }

    @Test
    void cannotDeclareAFaultBindingFaultyAgain() {
        fixture.given(declaredFaultOfU1())
                .when(new DeclareFaultBindingCommand(X, U1, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotDeclareAnUnboundNumberFaulty() {
        fixture.given(registered())
                .when(new DeclareFaultBindingCommand(X, null, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotDeclareAnotherUsersBindingFaulty() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new DeclareFaultBindingCommand(X, U2, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotDeclareABindingFaultyWhileItIsUnderWay() {
        fixture.given(registered(), bindRequested("op-1"))
                .when(new DeclareFaultBindingCommand(X, U1, "op-2"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    // ---- confirm the push (recovery) ----

    @Test
    void canRecoverAHeldFaultBindingWithTheSubscriptionOfThePush() {
        fixture.given(heldFaultOfU1())
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL));
    }

    @Test
    void canRecoverADeclaredFaultBindingOnTheConfirmOfTheDeclaration() {
        fixture.given(declaredFaultOfU1())
                .when(new ConfirmFaultPushCommand(X, "op-2", SUBS, A))
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-2", U1, A, SUBS, BindType.NORMAL));
    }

    @Test
    void canRecoverATemporaryFaultBindingKeepingItsBindType() {
        fixture.given(temporaryFaultOfU1())
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A))
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.TEMPORARY));
    }

    @Test
    void cannotRecoverAFaultBindingOnTheConfirmOfAnotherOperation() {
        fixture.given(declaredFaultOfU1())
                .when(new ConfirmFaultPushCommand(X, "op-1", SUBS, A))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotRecoverAFaultBindingTwice() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL)))
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canUnbindARecoveredBindingWithTheSubscriptionOfThePush() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL)))
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectEvents(unbindRequested("op-3", NEW_SUBS, false));
    }

    // ---- end, state only (#12) ----

    @Test
    void canEndAFaultBindingKeepingTheNormalAssignment() {
        fixture.given(heldFaultOfU1())
                .when(new EndFaultBindingCommand(X, U1, false, "op-3", "#12"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "#12"));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canEndADeclaredFaultBindingWithoutCallingTheProvider() {
        fixture.given(declaredFaultOfU1())
                .when(new EndFaultBindingCommand(X, null, false, "op-3", "#12"))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "#12"));
    }

    @Test
    void canBindAgainForTheHolderAfterAnEndedNormalFaultBinding() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "#12")))
                .when(new BindAxCommand(X, U1, A2, null, "op-4"))
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(new AxBindRequestedEvent(X, "op-4", U1, A2, PLATFORM, POOL, REGION, false));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canEndATemporaryFaultBindingGivingTheNumberBack() {
        lookup.withTemporary(X, PLATFORM, POOL, REGION, U1);
        fixture.given(temporaryFaultOfU1())
                .when(new EndFaultBindingCommand(X, U1, false, "op-3", "#12"))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.TEMPORARY, true, "#12"));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.holderOf(X)).isNull();
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isNull();
    }

    @Test
    void canBindAnEndedTemporaryNumberForAnotherUser() {
        fixture.given(plus(temporaryFaultOfU1(), new FaultBindingEndedEvent(X, "op-3", U1, BindType.TEMPORARY, true, "#12")))
                .when(new BindAxCommand(X, U2, A2, null, "op-4"))
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(new AxBindRequestedEvent(X, "op-4", U2, A2, PLATFORM, POOL, REGION, true));
        assertThat(lookup.calls()).containsExactly("assign " + X + " " + U2 + " NORMAL");
    }

    @Test
    void cannotEndTheFaultBindingOfAnotherUser() {
        fixture.given(heldFaultOfU1())
                .when(new EndFaultBindingCommand(X, U2, false, "op-3", "#12"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotEndAFaultBindingOfABoundNumber() {
        fixture.given(registered(), bindRequested("op-1"), bound("op-1"))
                .when(new EndFaultBindingCommand(X, U1, false, "op-3", "#12"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotEndAFaultBindingOfAnUnboundNumber() {
        fixture.given(registered())
                .when(new EndFaultBindingCommand(X, null, true, "op-3", "#13"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotEndAFaultBindingThatAlreadyEnded() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "#12")))
                .when(new EndFaultBindingCommand(X, U1, false, "op-4", "#12"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void cannotEndARecoveredFaultBinding() {
        fixture.given(plus(heldFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL)))
                .when(new EndFaultBindingCommand(X, U1, false, "op-3", "#12"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    // ---- end, with the provider (#13) ----

    @Test
    void canEndAFaultBindingWithASubscriptionByUnbindingAtTheProvider() {
        fixture.given(declaredFaultOfU1())
                .when(new EndFaultBindingCommand(X, U1, true, "op-3", "#13"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(unbindRequested("op-3", SUBS, false));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canEndATemporaryFaultBindingWithASubscriptionByUnbindingAndReleasing() {
        fixture.given(declaredTemporaryFaultOfU1())
                .when(new EndFaultBindingCommand(X, U1, true, "op-3", "#13"))
                .expectResultMessagePayload(true)
                .expectEvents(unbindRequested("op-3", SUBS, true));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canReleaseATemporaryNumberWhenTheProviderConfirmsItsUnbinding() {
        lookup.withTemporary(X, PLATFORM, POOL, REGION, U1);
        fixture.given(plus(declaredTemporaryFaultOfU1(), unbindRequested("op-3", SUBS, true)))
                .when(new ConfirmAxUnbindingCommand(X, "op-3"))
                .expectEvents(new AxUnboundEvent(X, "op-3", U1, A, SUBS), new NumberReleasedEvent(X, "op-3", U1));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isNull();
    }

    @Test
    void canEndAFaultBindingWithoutSubscriptionAtOnce() {
        fixture.given(heldFaultOfU1())
                .when(new EndFaultBindingCommand(X, U1, true, "op-3", "#13"))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "#13"));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canEndATemporaryFaultBindingWithoutSubscriptionAtOnceGivingTheNumberBack() {
        fixture.given(temporaryFaultOfU1())
                .when(new EndFaultBindingCommand(X, null, true, "op-3", "#13"))
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.TEMPORARY, true, "#13"));
        assertThat(lookup.calls()).containsExactly("free " + X);
    }

    // ---- an unbind of a fault binding the provider refused ----

    @Test
    void canRejectTheUnbindingOfAFaultBinding() {
        fixture.given(plus(declaredFaultOfU1(), unbindRequested("op-3", SUBS, false)))
                .when(new RejectAxUnbindingCommand(X, "op-3", "isv.NO_PERMISSION", "not yours", false))
                .expectEvents(new AxUnbindingRejectedEvent(X, "op-3", U1, "isv.NO_PERMISSION", "not yours", false, BindState.FAULT));
    }

    @Test
    void canKeepTheFaultBindingAfterARejectedUnbinding() {
        // back in fault state: not bound (a declaration is refused), but a fault binding that can be ended
        fixture.given(plus(declaredFaultOfU1(), unbindRequested("op-3", SUBS, false),
                        new AxUnbindingRejectedEvent(X, "op-3", U1, "isv.NO_PERMISSION", "not yours", false, BindState.FAULT)))
                .when(new DeclareFaultBindingCommand(X, U1, "op-4"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canEndAFaultBindingAfterARejectedUnbinding() {
        fixture.given(plus(declaredFaultOfU1(), unbindRequested("op-3", SUBS, false),
                        new AxUnbindingRejectedEvent(X, "op-3", U1, "isv.NO_PERMISSION", "not yours", false, BindState.FAULT)))
                .when(new EndFaultBindingCommand(X, U1, false, "op-4", "#12"))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingEndedEvent(X, "op-4", U1, BindType.NORMAL, false, "#12"));
    }

    @Test
    void canUnbindAFaultBindingAgainAfterARejectedUnbinding() {
        fixture.given(plus(declaredFaultOfU1(), unbindRequested("op-3", SUBS, false),
                        new AxUnbindingRejectedEvent(X, "op-3", U1, "isv.FLOW_LIMIT", "slow down", true, BindState.FAULT)))
                .when(new EndFaultBindingCommand(X, U1, true, "op-4", "#13"))
                .expectResultMessagePayload(true)
                .expectEvents(unbindRequested("op-4", SUBS, false));
    }

    @Test
    void canKeepABoundNumberBoundAfterARejectedUnbindingThatFollowedARecovery() {
        // the fault flag of an earlier unbinding must not leak: recovered, then an ordinary unbind is refused
        fixture.given(plus(heldFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL),
                        unbindRequested("op-3", NEW_SUBS, false),
                        new AxUnbindingRejectedEvent(X, "op-3", U1, "isv.NO_PERMISSION", "not yours", false, BindState.BOUND)))
                .when(new EndFaultBindingCommand(X, U1, false, "op-4", "#12"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    // ---- unbind (#2) of a fault binding: as #13 ----

    @Test
    void canUnbindAFaultBindingWithASubscriptionAtTheProvider() {
        fixture.given(declaredFaultOfU1())
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(unbindRequested("op-3", SUBS, false));
    }

    @Test
    void canUnbindAFaultBindingWithoutSubscriptionAtOnce() {
        fixture.given(heldFaultOfU1())
                .when(new UnbindAxCommand(X, null, "op-3"))
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.NORMAL, false, "unbind"));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canUnbindATemporaryFaultBindingGivingTheNumberBack() {
        lookup.withTemporary(X, PLATFORM, POOL, REGION, U1);
        fixture.given(temporaryFaultOfU1())
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectEvents(new FaultBindingEndedEvent(X, "op-3", U1, BindType.TEMPORARY, true, "unbind"));
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void canUnbindATemporaryFaultBindingWithASubscriptionReleasingItAfter() {
        fixture.given(declaredTemporaryFaultOfU1())
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectEvents(unbindRequested("op-3", SUBS, true));
    }

    @Test
    void cannotUnbindTheFaultBindingOfAnotherUser() {
        fixture.given(declaredFaultOfU1())
                .when(new UnbindAxCommand(X, U2, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
    }

    // ---- release (#9) of a fault binding ----

    @Test
    void canReleaseAFaultBindingWithASubscriptionAfterUnbindingIt() {
        fixture.given(declaredFaultOfU1())
                .when(new ReleaseNumberCommand(X, U1, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectEvents(unbindRequested("op-3", SUBS, true));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canReleaseAFaultBindingWithoutSubscriptionAtOnce() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(heldFaultOfU1())
                .when(new ReleaseNumberCommand(X, U1, "op-3"))
                .expectResultMessagePayload(true)
                .expectEvents(new NumberReleasedEvent(X, "op-3", U1));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void canReleaseATemporaryFaultBindingAtOnce() {
        lookup.withTemporary(X, PLATFORM, POOL, REGION, U1);
        fixture.given(temporaryFaultOfU1())
                .when(new ReleaseNumberCommand(X, null, "op-3"))
                .expectResultMessagePayload(true)
                .expectEvents(new NumberReleasedEvent(X, "op-3", U1));
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isNull();
    }

    @Test
    void cannotReleaseTheFaultBindingOfAnotherUser() {
        fixture.given(heldFaultOfU1())
                .when(new ReleaseNumberCommand(X, U2, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED))
                .expectNoEvents();
    }

    // ---- other commands on a fault binding ----

    @Test
    void canAnswerAlreadyBoundWhenTheHolderBindsAFaultBindingToTheSameA() {
        fixture.given(heldFaultOfU1())
                .when(new BindAxCommand(X, U1, A, null, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotBindAFaultBindingToAnotherA() {
        fixture.given(heldFaultOfU1())
                .when(new BindAxCommand(X, U1, A2, null, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_ALREADY_BOUND))
                .expectNoEvents();
    }

    @Test
    void cannotBindAnotherUsersFaultBinding() {
        fixture.given(temporaryFaultOfU1())
                .when(new BindAxCommand(X, U2, A2, null, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_HELD_BY_OTHER))
                .expectNoEvents();
    }

    @Test
    void cannotChangeAOfAFaultBinding() {
        fixture.given(heldFaultOfU1())
                .when(new ChangeAxPhoneCommand(X, U1, A2, "op-3"))
                .expectException(rule(ErrorCode.CHANGE_NOT_BOUND))
                .expectNoEvents();
    }

    // ---- the holder changes phone, or the number changes holder, while it is a fault binding (issue 10) ----

    @Test
    void canRecordTheHoldersNewPhoneOnAFaultBindingAtOnce() {
        fixture.given(heldFaultOfU1())
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT));
    }

    @Test
    void canRecordTheNewPhoneOfADeclaredFaultBindingWithoutAProviderCallInTheCommand() {
        // the provider still has the subscription: the fault recovery saga moves its A, the number stays a fault binding
        fixture.given(declaredFaultOfU1())
                .when(new FollowAgentPhoneCommand(X, U1, A, A2, "ev-1:" + X))
                .expectEvents(new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT));
    }

    @Test
    void canPushAFaultBindingWhoseHolderChangedPhoneWithTheNewPhone() {
        fixture.given(plus(heldFaultOfU1(), new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT)))
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A2))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-1", U1, A2, NEW_SUBS, BindType.NORMAL));
    }

    @Test
    void canMoveARecoveredBindingOnToAPhoneThatChangedWhileThePushRan() {
        fixture.given(plus(heldFaultOfU1(), new AxPhoneChangedEvent(X, "ev-1:" + X, U1, A, A2, BindState.FAULT)))
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-1", U1, A, NEW_SUBS, BindType.NORMAL),
                        new AxPhoneChangeRequestedEvent(X, "op-1:follow", U1, A, A2, NEW_SUBS, PLATFORM, POOL));
    }

    @Test
    void canTransferAFaultBindingToTheNewHoldersPhone() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(heldFaultOfU1())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-t"))
                .expectResultMessagePayload(false)
                .expectEvents(new NumberTransferredEvent(X, "op-t", U1, U2, A, A2, BindState.FAULT, BindType.NORMAL));
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
    }

    @Test
    void canPushATransferredFaultBindingForItsNewHolder() {
        fixture.given(plus(heldFaultOfU1(), new NumberTransferredEvent(X, "op-t", U1, U2, A, A2, BindState.FAULT, BindType.NORMAL)))
                .when(new ConfirmFaultPushCommand(X, "op-1", NEW_SUBS, A2))
                .expectEvents(new FaultBindingRecoveredEvent(X, "op-1", U2, A2, NEW_SUBS, BindType.NORMAL));
    }

    @Test
    void canTransferATemporaryNumberAsATemporaryNumber() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(temporaryFaultOfU1())
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-t"))
                .expectEvents(new NumberTransferredEvent(X, "op-t", U1, U2, A, A2, BindState.FAULT, BindType.TEMPORARY));
    }

    @Test
    void canTransferAPushedTemporaryNumberKeepingItsKind() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(plus(temporaryFaultOfU1(), new FaultBindingRecoveredEvent(X, "op-1", U1, A, SUBS, BindType.TEMPORARY)))
                .when(new TransferNumberCommand(X, U1, U2, A2, "op-t"))
                .expectResultMessagePayload(true)
                .expectEvents(new AxTransferRequestedEvent(X, "op-t", U1, U2, A, A2, SUBS, PLATFORM, POOL));
    }

    // ---- an explicit recovery (a declared fault holds until one) ----

    @Test
    void canAskForTheRecoveryOfAFaultBinding() {
        fixture.given(declaredFaultOfU1())
                .when(new RecoverFaultBindingCommand(X, "op-r"))
                .expectResultMessagePayload(true)
                .expectEvents(new FaultRecoveryRequestedEvent(X, "op-r", U1, "op-2"));
    }

    @Test
    void cannotAskForTheRecoveryOfANumberWithoutFaultBinding() {
        fixture.given(PrivateNumberTest.boundToU1())
                .when(new RecoverFaultBindingCommand(X, "op-r"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
