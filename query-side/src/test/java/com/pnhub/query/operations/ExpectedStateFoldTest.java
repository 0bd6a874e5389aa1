package com.pnhub.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.values.Platform;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The fold's own part: agents, the Redis hash and which events reach a number's replay. The replay itself is the
 * aggregate's (app's ExpectedStateTest runs it); here a replay that only records what it was given stands in for it,
 * since the query side cannot see the aggregate.
 */
class ExpectedStateFoldTest {

    private static final String X = "19000000001";
    private static final String A = "13900000001";

    /** Records the events it is given; registered once the first one arrived. */
    private static final class Recording implements NumberStateMachine.Replay {
        final List<Object> applied = new ArrayList<>();

        @Override
        public void apply(DomainEventMessage<?> event) {
            applied.add(event.getPayload());
        }

        @Override
        public NumberStateMachine.Expected expected() {
            return applied.isEmpty() ? null : new NumberStateMachine.Expected(0, "BOUND", "u1", A, "s1");
        }
    }

    private final List<Recording> replays = new ArrayList<>();
    private final ExpectedState state = new ExpectedState(new NumberStateMachine() {
        @Override
        public boolean isNumberStream(DomainEventMessage<?> event) {
            return "PrivateNumber".equals(event.getType());
        }

        @Override
        public Replay newReplay() {
            Recording r = new Recording();
            replays.add(r);
            return r;
        }
    });

    private static DomainEventMessage<?> ofNumber(String type, long seq, Object payload) {
        return new GenericDomainEventMessage<>(type, X, seq, payload);
    }

    @Test
    void aNumbersEventsReachOneReplayFromItsRegistrationOn() {
        state.apply(ofNumber("PrivateNumber", 0, new AxBoundEvent(X, "op0", "u0", A, "s0", Platform.ALIYUN, 17)));
        state.apply(ofNumber("PrivateNumber", 1, new NumberRegisteredEvent(X, Platform.ALIYUN, 17, 1)));
        state.apply(ofNumber("PrivateNumber", 2, new AxBoundEvent(X, "op1", "u1", A, "s1", Platform.ALIYUN, 17)));

        assertThat(replays).hasSize(1);
        assertThat(replays.get(0).applied).hasSize(2).first().isInstanceOf(NumberRegisteredEvent.class);
        assertThat(ExpectedState.fields(state.numbers().get(X))).containsEntry("numberState", 0)
                .containsEntry("bindState", "BOUND").containsEntry("holder", "u1").containsEntry("phoneA", A)
                .containsEntry("subsId", "s1");
        assertThat(state.redis()).containsEntry("u1", "{\"xNumber\":\"" + X + "\",\"bindType\":0}");
    }

    @Test
    void aNumberEventOfAnotherStreamIsNoNumbersEvent() {
        state.apply(ofNumber("SomethingElse", 0, new NumberRegisteredEvent(X, Platform.ALIYUN, 17, 1)));

        assertThat(replays).isEmpty();
        assertThat(state.numbers()).isEmpty();
    }

    @Test
    void anAgentKeepsItsNameWhenOnlyItsPhoneChanges() {
        state.apply(GenericEventMessage.asEventMessage(new AgentProfileUpdatedEvent("u1", "Li", A, null)));
        state.apply(GenericEventMessage.asEventMessage(new AgentPhoneChangedEvent("u1", A, "13900000009", A, true, "mis")));
        state.apply(GenericEventMessage.asEventMessage(new AgentPhoneChangedEvent("u2", null, "13900000008", null, false, "mis")));

        assertThat(state.agents()).containsEntry("u1", new ExpectedState.Agent("Li", "13900000009"))
                .containsEntry("u2", new ExpectedState.Agent(null, "13900000008"));
    }
}
