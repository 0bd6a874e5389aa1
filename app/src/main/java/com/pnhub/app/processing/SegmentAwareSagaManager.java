package com.pnhub.app.processing;

import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;

/**
 * Axon's saga manager, offering an event only to the segment that can hold its saga. Axon's own manager accepts
 * every event it has a handler for in every segment (a saga instance may live in any of them), so each segment's
 * work package opened a transaction, looked the association up and stored its token for every event: with 16
 * segments that was 16 transactions per provider call.
 * <p>
 * A saga instance is created in the segment its creating association value hashes to, with an identifier of that
 * segment. For a saga type that is only ever associated by that one value (no {@code associateWith} of other values;
 * SagaConfig registers only such types), every later event that reaches it carries the same association value and
 * so hashes to the same segment: the other segments cannot hold it and are not offered the event. This holds while
 * the processor's segments are neither split nor merged (their counts are fixed in application.yml).
 */
final class SegmentAwareSagaManager<T> extends AnnotatedSagaManager<T> {

    SegmentAwareSagaManager(Builder<T> builder) {
        super(builder);
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        if (!super.canHandle(eventMessage, segment)) {
            return false;
        }
        Set<AssociationValue> associations = extractAssociationValues(eventMessage);
        return associations.stream().anyMatch(segment::matches);
    }
}
