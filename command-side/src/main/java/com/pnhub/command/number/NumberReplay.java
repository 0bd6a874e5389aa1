package com.pnhub.command.number;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.common.Priority;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * A {@link PrivateNumber} rebuilt outside the repository from the events it is given, by its own event sourcing
 * handlers: the number as it was after them. Point-in-time answers (GET /api/v1/numbers/{x}/state?at=) and the
 * consistency check's expectation are made with it, so there is one state machine and no copy of it. Events can be
 * added one at a time, in the stream's order; nothing is published and no command runs.
 */
public final class NumberReplay {

    /** The aggregate type the number's events are stored under, for a reader that must pick them out of the stream. */
    public static final String AGGREGATE_TYPE = PrivateNumber.class.getSimpleName();

    /**
     * The aggregate's model, for its event sourcing handlers. Its command handlers ask for resources (NumberLookup)
     * that only the application's configuration resolves; a replay never invokes them, so any parameter the
     * framework's own resolvers do not know resolves to nothing here.
     */
    private static final AggregateModel<PrivateNumber> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(
            PrivateNumber.class, MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(PrivateNumber.class), new UnresolvedResources()));

    /** After every other factory (the ordering is by priority): a command handler's resources resolve to nothing. */
    @Priority(Priority.LAST)
    private static final class UnresolvedResources implements ParameterResolverFactory {
        @Override
        public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int parameterIndex) {
            // the first parameter is the payload, which the framework's own factory resolves
            return parameterIndex == 0 ? null : new FixedValueParameterResolver<>(null);
        }
    }

    private final EventSourcedAggregate<PrivateNumber> aggregate =
            EventSourcedAggregate.initialize(new PrivateNumber(), MODEL, null, NoSnapshotTriggerDefinition.TRIGGER);
    private int applied;

    /** Applies the next event of the number's stream (a call record of the number's stream changes nothing). */
    public NumberReplay apply(DomainEventMessage<?> event) {
        aggregate.initializeState(DomainEventStream.of(event));
        applied++;
        return this;
    }

    /** How many events were applied. */
    public int applied() {
        return applied;
    }

    /** The number after the events so far; null before its registration was applied. */
    public PrivateNumber.View view() {
        return applied == 0 ? null : aggregate.getAggregateRoot().view();
    }
}
