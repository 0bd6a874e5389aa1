package com.pnhub.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.fault.FaultCause;
import com.pnhub.app.config.AggregateNumberStateMachine;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.values.Platform;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** The expectation with the aggregate's own replay behind it, as the assembly wires it. */
class ExpectedStateTest {

    private static final String X = "19000000001";
    private static final String A = "13900000001";
    private static final String B = "13900000002";

    private final ExpectedState state = new ExpectedState(new AggregateNumberStateMachine());

    /** The events as the number's stream holds them: sequence numbers from 0, aggregate type PrivateNumber. */
    private void given(Object... events) {
        long seq = 0;
        for (Object e : events) {
            state.apply(new GenericDomainEventMessage<>("PrivateNumber", X, seq++, e));
        }
    }

    @Test
    void aTransferredNumberIsHeldByTheReceiverAndOnlyTheReceiverHasTheRedisField() {
        given(new NumberRegisteredEvent(X, Platform.ALIYUN, 17, 1),
                new AxBindRequestedEvent(X, "op1", "u1", A, Platform.ALIYUN, 17, 1, true),
                new AxBoundEvent(X, "op1", "u1", A, "s1", Platform.ALIYUN, 17),
                new AxTransferRequestedEvent(X, "op2", "u1", "u2", A, B, "s1", Platform.ALIYUN, 17),
                new NumberTransferredEvent(X, "op2", "u1", "u2", A, B, BindState.BOUND, BindType.NORMAL));

        assertThat(ExpectedState.fields(state.numbers().get(X))).containsEntry("holder", "u2").containsEntry("phoneA", B)
                .containsEntry("bindState", "BOUND").containsEntry("subsId", "s1");
        assertThat(state.redis()).containsOnlyKeys("u2").containsEntry("u2", "{\"xNumber\":\"" + X + "\",\"bindType\":0}");
    }

    @Test
    void aRefusedUnbindOfAFaultBindingLeavesItAFaultBinding() {
        given(new NumberRegisteredEvent(X, Platform.ALIYUN, 17, 1),
                new AxFaultBoundEvent(X, "op1", "u1", A, BindType.NORMAL, Platform.ALIYUN, 17, "s1", FaultCause.DECLARED, "test"),
                new AxUnbindRequestedEvent(X, "op2", "u1", A, "s1", Platform.ALIYUN, 17, false),
                new AxUnbindingRejectedEvent(X, "op2", "u1", "isv.X", "refused", false, BindState.FAULT));

        assertThat(ExpectedState.fields(state.numbers().get(X))).containsEntry("bindState", "FAULT");
        assertThat(state.redis()).containsEntry("u1", "{\"xNumber\":\"" + X + "\",\"bindType\":1}");
    }

    @Test
    void eventsOfAnUnregisteredNumberAreIgnored() {
        given(new AxBoundEvent(X, "op1", "u1", A, "s1", Platform.ALIYUN, 17));

        assertThat(state.numbers()).isEmpty();
    }
}
