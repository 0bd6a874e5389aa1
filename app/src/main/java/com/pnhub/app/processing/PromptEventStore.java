package com.pnhub.app.processing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's embedded event store, made prompt for pooled streaming processors and for several instances.
 * <ul>
 *   <li>A caught-up pooled processor looks for new events every 500 ms unless its stream can call it back when
 *   events arrive, which the embedded store's streams cannot. Every stream handed out here can: one relay thread
 *   follows the head of the store's shared event cache and, as soon as the producer has fetched new events, calls
 *   every registered callback; each processor's coordinator then runs at once.</li>
 *   <li>The producer fetches at once after a commit of this process, but only every second for commits of another
 *   instance. {@link #fetchNow()} is what a notification from another instance calls; each transaction that appends
 *   events calls {@link PeerSignal#eventsAppended()} (a PostgreSQL NOTIFY, delivered with the commit).</li>
 * </ul>
 */
public class PromptEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(PromptEventStore.class);

    /** Told of every transaction that appended events, inside it. */
    public interface PeerSignal {
        void eventsAppended();
    }

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile PeerSignal peers = () -> { };
    private volatile boolean relaying;
    private Thread relay;

    public PromptEventStore(Builder builder) {
        super(builder);
    }

    public void signalPeersWith(PeerSignal signal) {
        this.peers = signal;
    }

    /** Another instance appended events: fetch them now rather than at the producer's next poll. */
    public void fetchNow() {
        super.afterCommit(List.of());
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        if (!events.isEmpty()) {
            peers.eventsAppended();
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new CallbackStream(super.openStream(trackingToken));
    }

    @Override
    public void registerLifecycleHandlers(Lifecycle.LifecycleRegistry handle) {
        super.registerLifecycleHandlers(handle);
        // before the processors start, after them when stopping
        handle.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, this::startRelay);
        handle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 1, this::stopRelay);
    }

    private synchronized void startRelay() {
        if (relaying) {
            return;
        }
        relaying = true;
        relay = new Thread(this::relayLoop, "event-store-relay");
        relay.setDaemon(true);
        relay.start();
    }

    private synchronized void stopRelay() {
        relaying = false;
        if (relay != null) {
            relay.interrupt();
        }
    }

    private void relayLoop() {
        while (relaying) {
            try (TrackingEventStream head = super.openStream(createHeadToken())) {
                while (relaying) {
                    if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        // the payloads are never read here: the relay only learns that the producer moved on
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: the processors poll on their own meanwhile; follow the head again shortly
                log.warn("event store relay restarts: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A processor's stream that calls its coordinator back when new events reached the store's cache. */
    private final class CallbackStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private CallbackStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            callback = onAvailable;
            callbacks.add(onAvailable);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }
}
