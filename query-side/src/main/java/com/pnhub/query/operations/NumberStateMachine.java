package com.pnhub.query.operations;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The write model's own state machine of a number, replayed from its events: what the consistency check expects the
 * read models to say. The query side does not know the aggregate (ModuleBoundariesTest), and a copy of its transitions
 * here would be a second state machine that drifts from the first (ADR 0013); so the assembly that knows both sides
 * provides it, by the aggregate's event sourcing handlers.
 */
public interface NumberStateMachine {

    /** Whether the event belongs to a number's own stream, i.e. the aggregate that this machine replays. */
    boolean isNumberStream(DomainEventMessage<?> event);

    /** A replay of one number, before its first event. */
    Replay newReplay();

    interface Replay {

        /** Applies the next event of the number's stream, in the stream's order. */
        void apply(DomainEventMessage<?> event);

        /** The number after the events so far; null before its registration was applied. */
        Expected expected();
    }

    /** What a number's read model row must hold. {@code holder} is whoever holds it now (after a transfer: the receiver). */
    record Expected(int numberState, String bindState, String holder, String phoneA, String subsId) {
    }
}
