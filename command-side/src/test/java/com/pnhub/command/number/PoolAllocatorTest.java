package com.pnhub.command.number;

import static com.pnhub.command.number.BusinessRuleMatcher.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.AllocateTemporaryNumberCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.BindAxByPlatformCommand;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.values.Platform;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legacy #16 and #17 without Spring: the allocator over the fixture's repository and the in-memory lookup. */
class PoolAllocatorTest {

    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final long POOL = 100001L;
    static final long REGION = 21L;
    static final String U1 = "51218";
    static final String A = "13470110001";

    private FixtureConfiguration<PrivateNumber> fixture;
    private InMemoryNumberLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateNumber.class);
        lookup = new InMemoryNumberLookup();
        fixture.registerInjectableResource(lookup);
        fixture.registerAnnotatedCommandHandler(new PoolAllocator(fixture.getRepository(), lookup));
    }

    @Test
    void canBindAFreeNumberOfThePlatform() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new BindAxByPlatformCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(X)
                .expectEvents(new AxBindRequestedEvent(X, "op-1", U1, A, Platform.ALIYUN, POOL, REGION, true));
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
    }

    @Test
    void cannotBindWhenThePlatformHasNoFreeNumber() {
        lookup.with(X, Platform.DONGXIN, POOL, REGION, null).with(X2, Platform.ALIYUN, POOL, REGION, "74705");
        fixture.givenNoPriorActivity()
                .when(new BindAxByPlatformCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.NO_FREE_NUMBER, "平台[3]没有可用的小号"))
                .expectNoEvents();
    }

    @Test
    void cannotBindASecondNumberForAUserWhoAlreadyHoldsOne() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null).with(X2, Platform.DONGXIN, POOL, REGION, U1);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new BindAxByPlatformCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.USER_ALREADY_HAS_NUMBER, "您存在绑定的小号,不能再绑定新的小号"))
                .expectNoEvents();
        assertThat(lookup.holderOf(X)).isNull();
    }

    @Test
    void cannotBindAPickedNumberWhoseAggregateIsNotNormal() {
        // the lookup row lags behind (state 正常), the aggregate says 停用: the aggregate's rule still holds
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION),
                        new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.DISABLED))
                .when(new BindAxByPlatformCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.NUMBER_STATE_NOT_BINDABLE, "当前号码状态为[2]，无法绑定！"))
                .expectNoEvents();
    }

    // ---- legacy #17: a temporary number, as a fault binding ----

    static AxFaultBoundEvent temporaryFault(String number, String op) {
        return new AxFaultBoundEvent(number, op, U1, A, BindType.TEMPORARY, Platform.ALIYUN, POOL, null,
                FaultCause.TEMPORARY, "temporary number");
    }

    @Test
    void canAllocateAFreeNumberAsATemporaryFaultBinding() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new AllocateTemporaryNumberCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(X)
                .expectEvents(temporaryFault(X, "op-1"));
        assertThat(lookup.holderOf(X)).isEqualTo(U1);
        assertThat(lookup.bindTypeOf(X)).isEqualTo(BindType.TEMPORARY);
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isEqualTo(X);
        assertThat(lookup.slotOf(U1, BindType.NORMAL)).isNull();
        assertThat(lookup.calls()).containsExactly("lockFreeNumber " + Platform.ALIYUN,
                "assign " + X + " " + U1 + " TEMPORARY");
    }

    @Test
    void cannotAllocateATemporaryNumberForAUserWhoAlreadyHasOne() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null).withTemporary(X2, Platform.DONGXIN, POOL, REGION, U1);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new AllocateTemporaryNumberCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.USER_ALREADY_HAS_FAULT_BINDING,
                        "内部错误[FAIL-5000-该用户[" + U1 + "]已经有故障绑定,不能再注册新的小号.]"))
                .expectNoEvents();
        assertThat(lookup.holderOf(X)).isNull();
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isEqualTo(X2);
    }

    @Test
    void canAllocateATemporaryNumberForAUserWhoHoldsANormalOne() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null).with(X2, Platform.DONGXIN, POOL, REGION, U1);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new AllocateTemporaryNumberCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(X)
                .expectEvents(temporaryFault(X, "op-1"));
        assertThat(lookup.slotOf(U1, BindType.NORMAL)).isEqualTo(X2);
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isEqualTo(X);
    }

    @Test
    void canBindANormalNumberForAUserWhoHoldsATemporaryOne() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null).withTemporary(X2, Platform.DONGXIN, POOL, REGION, U1);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION))
                .when(new BindAxByPlatformCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(X)
                .expectEvents(new AxBindRequestedEvent(X, "op-1", U1, A, Platform.ALIYUN, POOL, REGION, true));
        assertThat(lookup.slotOf(U1, BindType.NORMAL)).isEqualTo(X);
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isEqualTo(X2);
    }

    @Test
    void cannotAllocateATemporaryNumberWhenThePlatformHasNoFreeNumber() {
        lookup.with(X, Platform.DONGXIN, POOL, REGION, null).with(X2, Platform.ALIYUN, POOL, REGION, "74705");
        fixture.givenNoPriorActivity()
                .when(new AllocateTemporaryNumberCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.NO_FREE_NUMBER, "平台[3]没有可用的小号"))
                .expectNoEvents();
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isNull();
    }

    @Test
    void cannotAllocateAPickedNumberWhoseAggregateIsNotNormalAsATemporaryNumber() {
        lookup.with(X, Platform.ALIYUN, POOL, REGION, null);
        fixture.given(new NumberRegisteredEvent(X, Platform.ALIYUN, POOL, REGION),
                        new NumberStateChangedEvent(X, NumberState.NORMAL, NumberState.DISABLED))
                .when(new AllocateTemporaryNumberCommand(U1, A, Platform.ALIYUN, "op-1"))
                .expectException(rule(ErrorCode.NUMBER_STATE_NOT_BINDABLE, "当前号码状态为[2]，无法绑定！"))
                .expectNoEvents();
        assertThat(lookup.slotOf(U1, BindType.TEMPORARY)).isNull();
    }
}
