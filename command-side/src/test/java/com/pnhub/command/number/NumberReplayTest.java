package com.pnhub.command.number;

import static com.pnhub.command.number.PrivateNumberTest.A;
import static com.pnhub.command.number.PrivateNumberTest.SUBS;
import static com.pnhub.command.number.PrivateNumberTest.U1;
import static com.pnhub.command.number.PrivateNumberTest.X;
import static com.pnhub.command.number.PrivateNumberTest.boundToU1;
import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberState;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** The aggregate rebuilt by its own event sourcing handlers, outside any repository. */
class NumberReplayTest {

    @Test
    void canReplayANumberToWhatItsEventsLeaveIt() {
        NumberReplay replay = new NumberReplay();
        long seq = 0;
        for (Object e : boundToU1()) {
            replay.apply(new GenericDomainEventMessage<>("PrivateNumber", X, seq++, e));
        }
        PrivateNumber.View v = replay.view();
        assertThat(v.number()).isEqualTo(X);
        assertThat(v.bindState()).isEqualTo(BindState.BOUND);
        assertThat(v.numberState()).isEqualTo(NumberState.NORMAL);
        assertThat(v.holder()).isEqualTo(U1);
        assertThat(v.bindType()).isEqualTo(BindType.NORMAL);
        assertThat(v.phoneA()).isEqualTo(A);
        assertThat(v.subsId()).isEqualTo(SUBS);
        assertThat(replay.applied()).isEqualTo(boundToU1().length);
    }

    @Test
    void cannotShowANumberBeforeItsRegistration() {
        assertThat(new NumberReplay().view()).isNull();
    }
}
