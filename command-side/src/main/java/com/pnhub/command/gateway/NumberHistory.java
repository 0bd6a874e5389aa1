package com.pnhub.command.gateway;

import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.values.Platform;
import com.pnhub.command.calls.CallNumberIndex;
import com.pnhub.command.number.ClientBinding;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/**
 * A number's past as its event streams tell it (docs/point-in-time.md): its events with their calls' records, and its
 * whole state at an instant by replaying its aggregate's own event-sourcing handlers. On the command side because
 * both read the write model's streams and the call index, and the state needs the aggregate's state machine.
 */
@Service
public class NumberHistory {

    /** One event of the number's history: {@code stream} is the number, or the call's own stream for a call record. */
    public record HistoryEntry(long sequence, String type, Instant timestamp, Object payload, Map<String, ?> metadata,
                               String stream) {
    }

    /** The number at that instant, and how many of its events it took. */
    public record StateAt(String number, Instant at, BindState bindState, NumberState numberState, String userId,
                          String phoneA, String subsId, Platform platform, List<ClientBinding.View> clientBindings,
                          int eventsApplied) {
    }

    private final EventStore eventStore;
    private final CallNumberIndex callIndex;

    public NumberHistory(EventStore eventStore, CallNumberIndex callIndex) {
        this.eventStore = eventStore;
        this.callIndex = callIndex;
    }

    /** {@code size} events from the {@code first}, oldest first. */
    public List<HistoryEntry> events(String number, long first, int size) {
        List<String> calls = callIndex.callStreamsOf(number);
        if (calls.isEmpty()) {
            try (Stream<? extends DomainEventMessage<?>> stream = eventStore.readEvents(number, first).asStream()) {
                return stream.limit(size).map(NumberHistory::entry).toList();
            }
        }
        // the number's events and its calls' records (each a stream of its own), in the order they happened
        List<HistoryEntry> all = new ArrayList<>(entries(number));
        calls.forEach(call -> all.addAll(entries(call)));
        all.sort(Comparator.comparing(HistoryEntry::timestamp));
        return all.stream().skip(first).limit(size).toList();
    }

    private List<HistoryEntry> entries(String stream) {
        try (Stream<? extends DomainEventMessage<?>> events = eventStore.readEvents(stream, 0L).asStream()) {
            return events.map(NumberHistory::entry).toList();
        }
    }

    private static HistoryEntry entry(DomainEventMessage<?> e) {
        return new HistoryEntry(e.getSequenceNumber(), e.getPayloadType().getSimpleName(), e.getTimestamp(), e.getPayload(),
                e.getMetaData(), e.getAggregateIdentifier());
    }

    /** The number at {@code instant}; empty when it has no history at all. */
    public Optional<StateAt> stateAt(String number, Instant instant) {
        NumberReplay replay = new NumberReplay();
        boolean any = false;
        // from sequence 0, so that no snapshot stands in for the events
        try (Stream<? extends DomainEventMessage<?>> events = eventStore.readEvents(number, 0L).asStream()) {
            Iterator<? extends DomainEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                DomainEventMessage<?> event = it.next();
                any = true;
                if (event.getTimestamp().isAfter(instant)) {
                    break;
                }
                replay.apply(event);
            }
        }
        if (!any) {
            return Optional.empty();
        }
        PrivateNumber.View v = replay.view();
        if (v == null) {
            return Optional.of(new StateAt(number, instant, null, null, null, null, null, null, List.of(), 0));
        }
        return Optional.of(new StateAt(number, instant, v.bindState(), v.numberState(), v.holder(), v.phoneA(),
                v.subsId(), v.platform(), v.clientBindings(), replay.applied()));
    }
}
