package com.pnhub.app.config;

import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events written before the write model's revision 2 (issue 11), read as revision 2: the events whose resulting
 * binding depended on what came before now name it ({@code bindState}, and a transfer its {@code bindType}).
 * <ul>
 *   <li>{@link AxPhoneChangedEvent}: before revision 2 only a provider binding changed A, so BOUND.</li>
 *   <li>{@link AxUnbindingRejectedEvent} (BOUND, or FAULT for a refused unbind of a fault binding) and
 *   {@link NumberTransferredEvent} (whatever binding the number had, and its kind): the number's own events up to
 *   and including this one are replayed through the aggregate ({@link NumberReplay}), which knows. Only these two
 *   kinds of old event cost a read of their stream, and only when an old event of that kind is read.</li>
 * </ul>
 * While such a replay runs on a thread, the events it reads are upcast without it (the aggregate's handlers do not read
 * the added fields), so the replay does not recurse.
 */
public class WriteModelRevision2Upcaster extends SingleEventUpcaster {

    private static final String REVISION = "2";
    private static final String UNBINDING_REJECTED = AxUnbindingRejectedEvent.class.getName();
    private static final String PHONE_CHANGED = AxPhoneChangedEvent.class.getName();
    private static final String TRANSFERRED = NumberTransferredEvent.class.getName();
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    /** The store these events come from: asked for when first needed (it is built with this upcaster in its chain). */
    private final Supplier<EventStorageEngine> storage;

    public WriteModelRevision2Upcaster(Supplier<EventStorageEngine> storage) {
        this.storage = storage;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation ir) {
        if (ir.getType().getRevision() != null) {
            return false;
        }
        String name = ir.getType().getName();
        return name.equals(UNBINDING_REJECTED) || name.equals(PHONE_CHANGED) || name.equals(TRANSFERRED);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation ir) {
        String name = ir.getType().getName();
        if (name.equals(PHONE_CHANGED)) {
            return ir.upcastPayload(new SimpleSerializedType(name, REVISION), ObjectNode.class,
                    node -> node.put("bindState", BindState.BOUND.name()));
        }
        PrivateNumber.View after = REPLAYING.get() ? null
                : stateAfter(ir.getAggregateIdentifier().orElseThrow(), ir.getSequenceNumber().orElseThrow());
        return ir.upcastPayload(new SimpleSerializedType(name, REVISION), ObjectNode.class, node -> {
            node.put("bindState", after == null ? null : after.bindState().name());
            if (name.equals(TRANSFERRED)) {
                node.put("bindType", after == null || after.bindType() == null ? BindType.NORMAL.name() : after.bindType().name());
            }
            return node;
        });
    }

    /** The number right after its event {@code sequence}, from its own events. */
    private PrivateNumber.View stateAfter(String number, long sequence) {
        REPLAYING.set(true);
        NumberReplay replay = new NumberReplay();
        try (Stream<? extends DomainEventMessage<?>> events = storage.get().readEvents(number, 0L).asStream()) {
            Iterator<? extends DomainEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                DomainEventMessage<?> event = it.next();
                if (event.getSequenceNumber() > sequence) {
                    break;
                }
                replay.apply(event);
            }
        } finally {
            REPLAYING.set(false);
        }
        return replay.view();
    }
}
