package com.pnhub.command.number;

import static com.pnhub.command.number.BusinessRuleMatcher.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.RegisterNumberCommand;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.SetNumberStateCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxBindingCommand;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.RejectAxBindingCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateNumberTest {

    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final Platform PLATFORM = Platform.ALIYUN;
    static final long POOL = 100001L;
    static final long REGION = 21L;
    static final String U1 = "51218";
    static final String U2 = "74705";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String SUBS = "1000039976446302";
    static final String REFUSED = "isv.BIND_CONFLICT";

    private FixtureConfiguration<PrivateNumber> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        lookup = new InMemoryNumberLookup();
        fixture.registerInjectableResource(lookup);
    }

    // ---- events of the number X, as the history gives them ----

    static NumberRegisteredEvent registered() {
        return new NumberRegisteredEvent(X, PLATFORM, POOL, REGION);
    }

    static AxBindRequestedEvent bindRequested(String op, String user, String phone, boolean newAssignment) {
        return new AxBindRequestedEvent(X, op, user, phone, PLATFORM, POOL, REGION, newAssignment);
    }

    static AxBoundEvent bound(String op, String user, String phone) {
        return new AxBoundEvent(X, op, user, phone, SUBS, PLATFORM, POOL);
    }

    static AxUnbindRequestedEvent unbindRequested(String op, String user, String phone, boolean releaseAfter) {
        return new AxUnbindRequestedEvent(X, op, user, phone, SUBS, PLATFORM, POOL, releaseAfter);
    }

    static AxUnboundEvent unbound(String op, String user, String phone) {
        return new AxUnboundEvent(X, op, user, phone, SUBS);
    }

    /** U1 holds X, bound to A with subscription SUBS (operation op-1). */
    static Object[] boundToU1() {
        return new Object[] {registered(), bindRequested("op-1", U1, A, true), bound("op-1", U1, A)};
    }

    /** U1 holds X, but its binding was ended (op-2): assigned, not bound. */
    static Object[] assignedUnboundToU1() {
        return new Object[] {registered(), bindRequested("op-1", U1, A, true), bound("op-1", U1, A),
                unbindRequested("op-2", U1, A, false), unbound("op-2", U1, A)};
    }

    static Object[] plus(Object[] history, Object... more) {
        Object[] all = new Object[history.length + more.length];
        System.arraycopy(history, 0, all, 0, history.length);
        System.arraycopy(more, 0, all, history.length, more.length);
        return all;
    }

    // ---- register ----

    @Test
    void canRegisterANumber() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNumberCommand(X, PLATFORM, POOL, REGION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
        assertThat(lookup.calls()).containsExactly("register " + X);
        assertThat(lookup.isRegistered(X)).isTrue();
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void cannotRegisterANumberTwice() {
        lookup.with(X, PLATFORM, POOL, REGION, null);
        fixture.givenNoPriorActivity()
                .when(new RegisterNumberCommand(X, PLATFORM, POOL, REGION))
                .expectException(rule(ErrorCode.NUMBER_ALREADY_REGISTERED, "号码[" + X + "]已存在"))
                .expectNoEvents();
    }

    // ---- bind AX ----

    @Test
    void canBindAxOnAFreeNormalNumber() {
        lookup.with(X, PLATFORM, POOL, REGION, null);
        fixture.given(registered())
                .when(new BindAxCommand(X, U1, A, null, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(bindRequested("op-1", U1, A, true));
        assertThat(lookup.calls()).containsExactly("assign " + X + " " + U1 + " NORMAL");
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void canBindAxInTheRequestedRegion() {
        fixture.given(registered())
                .when(new BindAxCommand(X, U1, A, 99L, "op-1"))
                .expectEvents(new AxBindRequestedEvent(X, "op-1", U1, A, PLATFORM, POOL, 99L, true));
    }

    @ParameterizedTest
    @EnumSource(value = NumberState.class, names = "NORMAL", mode = EnumSource.Mode.EXCLUDE)
    void cannotBindANumberThatIsNotNormal(NumberState state) {
        fixture.given(registered(), new NumberStateChangedEvent(X, NumberState.NORMAL, state))
                .when(new BindAxCommand(X, U1, A, null, "op-1"))
                .expectException(rule(ErrorCode.NUMBER_STATE_NOT_BINDABLE,
                        "当前号码状态为[" + state.code() + "]，无法绑定！"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotBindADisabledNumberWithTheContractsMessage() {
        fixture.given(registered(), new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.DISABLED))
                .when(new BindAxCommand(X, U1, A, null, "op-1"))
                .expectException(BusinessRuleException.class)
                .expectException(rule(ErrorCode.NUMBER_STATE_NOT_BINDABLE, "当前号码状态为[2]，无法绑定！"))
                .expectNoEvents();
    }

    @Test
    void canBindAgainOnceTheStateIsNormalAgain() {
        fixture.given(registered(), new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.LOCKED),
                        new NumberStateChangedEvent(X, NumberState.LOCKED, NumberState.NORMAL))
                .when(new BindAxCommand(X, U1, A, null, "op-1"))
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(bindRequested("op-1", U1, A, true));
    }

    @Test
    void cannotBindWhileABindingIsInFlight() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new BindAxCommand(X, U1, A, null, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_BUSY, "号码[" + X + "]正在处理中,请稍后再试"))
                .expectNoEvents();
    }

    @Test
    void cannotBindWhileAnUnbindingIsInFlight() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new BindAxCommand(X, U1, A, null, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    @Test
    void cannotBindWhileAChangeOfAIsInFlight() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new BindAxCommand(X, U1, A2, null, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    @Test
    void cannotBindANumberBoundToAnotherUser() {
        fixture.given(boundToU1())
                .when(new BindAxCommand(X, U2, A2, null, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_HELD_BY_OTHER, "号码[" + X + "]已分配给其他用户"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotBindANumberAssignedButUnboundToAnotherUser() {
        fixture.given(assignedUnboundToU1())
                .when(new BindAxCommand(X, U2, A2, null, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_HELD_BY_OTHER))
                .expectNoEvents();
    }

    @Test
    void canRebindTheSameUserWithTheSameAAsAlreadyBound() {
        fixture.given(boundToU1())
                .when(new BindAxCommand(X, U1, A, null, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotBindABoundNumberToAnotherA() {
        fixture.given(boundToU1())
                .when(new BindAxCommand(X, U1, A2, null, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_ALREADY_BOUND, "号码[" + X + "]已绑定"))
                .expectNoEvents();
    }

    @Test
    void canBindAnAssignedButUnboundNumberForItsHolderWithoutANewAssignment() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(assignedUnboundToU1())
                .when(new BindAxCommand(X, U1, A2, null, "op-3"))
                .expectResultMessagePayload(BindStart.STARTED)
                .expectEvents(bindRequested("op-3", U1, A2, false));
        assertThat(lookup.calls()).isEmpty();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void cannotBindASecondNumberForAUserWhoAlreadyHoldsOne() {
        lookup.with(X, PLATFORM, POOL, REGION, null).with(X2, PLATFORM, POOL, REGION, U1);
        fixture.given(registered())
                .when(new BindAxCommand(X, U1, A, null, "op-1"))
                .expectException(rule(ErrorCode.USER_ALREADY_HAS_NUMBER, "您存在绑定的小号,不能再绑定新的小号"))
                .expectNoEvents();
        assertThat(lookup.holderOf(X)).isNull();
        assertThat(lookup.holderOf(X2)).isEqualTo(U1);
    }

    @Test
    void canBindANumberForAnotherUserWhileTheFirstHoldsOne() {
        lookup.with(X, PLATFORM, POOL, REGION, null).with(X2, PLATFORM, POOL, REGION, U1);
        fixture.given(registered())
                .when(new BindAxCommand(X, U2, A2, null, "op-1"))
                .expectEvents(bindRequested("op-1", U2, A2, true));
        assertThat(lookup.holderOf(X)).isEqualTo(U2);
    }

    // ---- confirm / reject a binding ----

    @Test
    void canConfirmABinding() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new ConfirmAxBindingCommand(X, "op-1", SUBS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(bound("op-1", U1, A));
    }

    @Test
    void canUnbindOnceTheBindingIsConfirmed() {
        // the subsId of the confirm is what a later unbind hands the provider
        fixture.given(registered(), bindRequested("op-1", U1, A, true),
                        new AxBoundEvent(X, "op-1", U1, A, "SUBS-XYZ", PLATFORM, POOL))
                .when(new UnbindAxCommand(X, U1, "op-2"))
                .expectEvents(new AxUnbindRequestedEvent(X, "op-2", U1, A, "SUBS-XYZ", PLATFORM, POOL, false));
    }

    @Test
    void cannotConfirmABindingOfAnotherOperation() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new ConfirmAxBindingCommand(X, "op-other", SUBS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotConfirmABindingTwice() {
        fixture.given(boundToU1())
                .when(new ConfirmAxBindingCommand(X, "op-1", "SUBS-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotConfirmABindingWhenNothingIsUnderWay() {
        fixture.given(registered())
                .when(new ConfirmAxBindingCommand(X, "op-1", SUBS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRejectANewAssignmentAndReturnTheNumberToThePool() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new RejectAxBindingCommand(X, "op-1", REFUSED, "already bound", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AxBindingRejectedEvent(X, "op-1", U1, REFUSED, "already bound", false, true));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void canBindForAnotherUserAfterARejectedNewAssignment() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true),
                        new AxBindingRejectedEvent(X, "op-1", U1, REFUSED, "r", false, true))
                .when(new BindAxCommand(X, U2, A2, null, "op-2"))
                .expectEvents(bindRequested("op-2", U2, A2, true));
    }

    @Test
    void canRejectABindingOfAnExistingAssignmentAndKeepTheAssignment() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(plus(assignedUnboundToU1(), bindRequested("op-3", U1, A2, false)))
                .when(new RejectAxBindingCommand(X, "op-3", "isp.TIMEOUT", "timeout", true))
                .expectEvents(new AxBindingRejectedEvent(X, "op-3", U1, "isp.TIMEOUT", "timeout", true, false));
        assertThat(lookup.calls()).isEmpty();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void cannotBindForAnotherUserAfterARejectedBindingOfAnExistingAssignment() {
        fixture.given(plus(assignedUnboundToU1(), bindRequested("op-3", U1, A2, false),
                        new AxBindingRejectedEvent(X, "op-3", U1, "isp.TIMEOUT", "timeout", true, false)))
                .when(new BindAxCommand(X, U2, A2, null, "op-4"))
                .expectException(rule(ErrorCode.NUMBER_HELD_BY_OTHER))
                .expectNoEvents();
    }

    @Test
    void cannotRejectABindingOfAnotherOperation() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new RejectAxBindingCommand(X, "op-other", REFUSED, "r", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotRejectABindingThatIsAlreadyConfirmed() {
        fixture.given(boundToU1())
                .when(new RejectAxBindingCommand(X, "op-1", REFUSED, "late", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    // ---- unbind AX ----

    @Test
    void canUnbindABoundNumber() {
        fixture.given(boundToU1())
                .when(new UnbindAxCommand(X, U1, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(unbindRequested("op-2", U1, A, false));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void canUnbindWithoutNamingTheHolder() {
        fixture.given(boundToU1())
                .when(new UnbindAxCommand(X, null, "op-2"))
                .expectEvents(unbindRequested("op-2", U1, A, false));
    }

    @Test
    void cannotUnbindAnUnboundNumber() {
        fixture.given(registered())
                .when(new UnbindAxCommand(X, U1, "op-1"))
                .expectException(rule(ErrorCode.NOT_BOUND, "解绑失败-当前隐私号不存在绑定关系。"))
                .expectNoEvents();
    }

    @Test
    void cannotUnbindAnAssignedButUnboundNumber() {
        fixture.given(assignedUnboundToU1())
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectException(rule(ErrorCode.NOT_BOUND, "解绑失败-当前隐私号不存在绑定关系。"))
                .expectNoEvents();
    }

    @Test
    void cannotUnbindAnotherUsersNumber() {
        fixture.given(boundToU1())
                .when(new UnbindAxCommand(X, U2, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
    }

    @Test
    void cannotUnbindWhileABindingIsInFlight() {
        fixture.given(registered(), bindRequested("op-1", U1, A, true))
                .when(new UnbindAxCommand(X, U1, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    @Test
    void canConfirmAnUnbinding() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new ConfirmAxUnbindingCommand(X, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(unbound("op-2", U1, A));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotConfirmAnUnbindingOfAnotherOperation() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new ConfirmAxUnbindingCommand(X, "op-other"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotConfirmAnUnbindingWhenNoneIsUnderWay() {
        fixture.given(boundToU1())
                .when(new ConfirmAxUnbindingCommand(X, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRejectAnUnbinding() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new RejectAxUnbindingCommand(X, "op-2", "isv.NO_PERMISSION", "no", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AxUnbindingRejectedEvent(X, "op-2", U1, "isv.NO_PERMISSION", "no", false, BindState.BOUND));
    }

    @Test
    void cannotRejectAnUnbindingOfAnotherOperation() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new RejectAxUnbindingCommand(X, "op-other", "c", "r", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canUnbindAgainAfterARejectedUnbinding() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false),
                        new AxUnbindingRejectedEvent(X, "op-2", U1, "isp.TIMEOUT", "timeout", true, BindState.BOUND)))
                .when(new UnbindAxCommand(X, U1, "op-3"))
                .expectEvents(unbindRequested("op-3", U1, A, false));
    }

    // ---- change A ----

    @Test
    void canRequestAChangeOfA() {
        fixture.given(boundToU1())
                .when(new ChangeAxPhoneCommand(X, U1, A2, "op-2"))
                .expectResultMessagePayload(true)
                .expectEvents(new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL));
    }

    @Test
    void canKeepAnUnchangedAWithoutAskingTheProvider() {
        fixture.given(boundToU1())
                .when(new ChangeAxPhoneCommand(X, U1, A, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void canConfirmAChangeOfA() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new ConfirmAxPhoneChangeCommand(X, "op-2"))
                .expectEvents(new AxPhoneChangedEvent(X, "op-2", U1, A, A2, BindState.BOUND));
    }

    @Test
    void canRebindToTheNewAAfterAConfirmedChangeOfA() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL),
                        new AxPhoneChangedEvent(X, "op-2", U1, A, A2, BindState.BOUND)))
                .when(new BindAxCommand(X, U1, A2, null, "op-3"))
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
    }

    @Test
    void cannotConfirmAChangeOfAOfAnotherOperation() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new ConfirmAxPhoneChangeCommand(X, "op-other"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRejectAChangeOfA() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new RejectAxPhoneChangeCommand(X, "op-2", "isv.INVALID_PHONE", "bad", false))
                .expectEvents(new AxPhoneChangeRejectedEvent(X, "op-2", U1, "isv.INVALID_PHONE", "bad", false));
    }

    @Test
    void cannotRejectAChangeOfAOfAnotherOperation() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new RejectAxPhoneChangeCommand(X, "op-other", "c", "r", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canKeepTheOldAAfterARejectedChangeOfA() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL),
                        new AxPhoneChangeRejectedEvent(X, "op-2", U1, "isv.INVALID_PHONE", "bad", false)))
                .when(new BindAxCommand(X, U1, A, null, "op-3"))
                .expectResultMessagePayload(BindStart.ALREADY_BOUND)
                .expectNoEvents();
    }

    @Test
    void cannotChangeAOfAnotherUsersNumber() {
        fixture.given(boundToU1())
                .when(new ChangeAxPhoneCommand(X, U2, A2, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
    }

    @Test
    void cannotChangeAOfAnUnboundNumber() {
        fixture.given(assignedUnboundToU1())
                .when(new ChangeAxPhoneCommand(X, U1, A2, "op-3"))
                .expectException(rule(ErrorCode.CHANGE_NOT_BOUND, "换绑失败-当前隐私号不存在绑定关系。"))
                .expectNoEvents();
    }

    @Test
    void cannotChangeAWhileAChangeIsInFlight() {
        fixture.given(plus(boundToU1(), new AxPhoneChangeRequestedEvent(X, "op-2", U1, A, A2, SUBS, PLATFORM, POOL)))
                .when(new ChangeAxPhoneCommand(X, U1, "13470110003", "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }

    // ---- number state ----

    @Test
    void canSetTheNumberState() {
        lookup.with(X, PLATFORM, POOL, REGION, null);
        fixture.given(registered())
                .when(new SetNumberStateCommand(X, NumberState.DISABLED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.DISABLED));
        assertThat(lookup.calls()).containsExactly("changeState " + X + " DISABLED");
        assertThat(lookup.stateOf(X)).isEqualTo(NumberState.DISABLED);
    }

    @Test
    void canSetTheNumberStateFromTheCurrentOne() {
        fixture.given(registered(), new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.LOCKED))
                .when(new SetNumberStateCommand(X, NumberState.RELEASED))
                .expectEvents(new NumberStateChangedEvent(X, NumberState.LOCKED, NumberState.RELEASED));
    }

    @Test
    void canSetTheSameStateWithoutAnEvent() {
        fixture.given(registered(), new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.LOCKED))
                .when(new SetNumberStateCommand(X, NumberState.LOCKED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    // ---- release ----

    @Test
    void canReleaseAnAssignedUnboundNumberAtOnce() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(assignedUnboundToU1())
                .when(new ReleaseNumberCommand(X, U1, "op-3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new NumberReleasedEvent(X, "op-3", U1));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void canReleaseWithoutNamingTheHolder() {
        fixture.given(assignedUnboundToU1())
                .when(new ReleaseNumberCommand(X, null, "op-3"))
                .expectResultMessagePayload(true)
                .expectEvents(new NumberReleasedEvent(X, "op-3", U1));
    }

    @Test
    void canBindForAnotherUserAfterARelease() {
        fixture.given(plus(assignedUnboundToU1(), new NumberReleasedEvent(X, "op-3", U1)))
                .when(new BindAxCommand(X, U2, A2, null, "op-4"))
                .expectEvents(bindRequested("op-4", U2, A2, true));
    }

    @Test
    void canReleaseABoundNumberByUnbindingItFirst() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(boundToU1())
                .when(new ReleaseNumberCommand(X, U1, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectEvents(unbindRequested("op-2", U1, A, true));
        assertThat(lookup.calls()).isEmpty();
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void canFinishAReleaseWhenItsUnbindingIsConfirmed() {
        lookup.with(X, PLATFORM, POOL, REGION, U1);
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, true)))
                .when(new ConfirmAxUnbindingCommand(X, "op-2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(unbound("op-2", U1, A), new NumberReleasedEvent(X, "op-2", U1));
        assertThat(lookup.calls()).containsExactly("free " + X);
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void canKeepTheNumberBoundAndAssignedWhenTheUnbindingOfAReleaseIsRejected() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, true)))
                .when(new RejectAxUnbindingCommand(X, "op-2", "isp.TIMEOUT", "timeout", true))
                .expectEvents(new AxUnbindingRejectedEvent(X, "op-2", U1, "isp.TIMEOUT", "timeout", true, BindState.BOUND));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotReleaseOnALaterPlainUnbindAfterARejectedRelease() {
        // the release intent of op-2 must not leak into the later, plain unbind op-3
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, true),
                        new AxUnbindingRejectedEvent(X, "op-2", U1, "isp.TIMEOUT", "timeout", true, BindState.BOUND),
                        unbindRequested("op-3", U1, A, false)))
                .when(new ConfirmAxUnbindingCommand(X, "op-3"))
                .expectEvents(unbound("op-3", U1, A));
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotReleaseANumberThatIsNotAssigned() {
        fixture.given(registered())
                .when(new ReleaseNumberCommand(X, U1, "op-1"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U1 + "]"))
                .expectNoEvents();
        assertThat(lookup.calls()).isEmpty();
    }

    @Test
    void cannotReleaseAnotherUsersNumber() {
        fixture.given(boundToU1())
                .when(new ReleaseNumberCommand(X, U2, "op-2"))
                .expectException(rule(ErrorCode.NUMBER_NOT_ASSIGNED, "号码[" + X + "]未分配给用户[" + U2 + "]"))
                .expectNoEvents();
    }

    @Test
    void cannotReleaseWhileAnUnbindingIsInFlight() {
        fixture.given(plus(boundToU1(), unbindRequested("op-2", U1, A, false)))
                .when(new ReleaseNumberCommand(X, U1, "op-3"))
                .expectException(rule(ErrorCode.NUMBER_BUSY))
                .expectNoEvents();
    }
}
