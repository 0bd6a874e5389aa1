package com.pnhub.app.config;

import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.query.operations.NumberStateMachine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * The query side's consistency check expects what the aggregate's own event sourcing handlers make of a number's
 * events ({@link NumberReplay}); the assembly is the one module that knows both sides, so the bridge is here.
 */
@Component
public class AggregateNumberStateMachine implements NumberStateMachine {

    private static final String NUMBER_AGGREGATE = PrivateNumber.class.getSimpleName();

    @Override
    public boolean isNumberStream(DomainEventMessage<?> event) {
        return NUMBER_AGGREGATE.equals(event.getType());
    }

    @Override
    public Replay newReplay() {
        NumberReplay replay = new NumberReplay();
        return new Replay() {
            @Override
            public void apply(DomainEventMessage<?> event) {
                replay.apply(event);
            }

            @Override
            public Expected expected() {
                PrivateNumber.View v = replay.view();
                return v == null ? null : new Expected(v.numberState().code(), v.bindState().name(), v.holder(),
                        v.phoneA(), v.subsId());
            }
        };
    }
}
