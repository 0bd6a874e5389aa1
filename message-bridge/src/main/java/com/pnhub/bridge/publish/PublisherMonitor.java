package com.pnhub.bridge.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * How far the publisher is behind the event store: {@code head} = the store's head token's position (newest
 * {@code global_index}; asked of the event store, whose table this module does not read), {@code position} = the lowest position of the processor's segments (there is one),
 * {@code lag} = head - position. Exposed as the gauge {@code pnhub.publisher.lag} and as health component
 * {@code publisher}: UP while the processor runs, even with lag or in error state (a broker outage is not the
 * service being down, and the details show it), DOWN only when the processor is not running.
 */
public class PublisherMonitor implements HealthIndicator {

    public record Snapshot(boolean running, boolean errorState, Long position, long head, Long lag, String error) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public PublisherMonitor(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        Gauge.builder("pnhub.publisher.lag", this, m -> {
                    Long lag = m.snapshot().lag();
                    return lag == null ? Double.NaN : lag;
                })
                .description("Events in the store not yet published to RabbitMQ (head global_index - publisher position)")
                .register(meters);
    }

    public Snapshot snapshot() {
        long head = head();
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(EventPublisher.PROCESSING_GROUP,
                StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return new Snapshot(false, false, null, head, null, "no processor " + EventPublisher.PROCESSING_GROUP);
        }
        StreamingEventProcessor p = processor.get();
        Long position = null;
        boolean errorState = false;
        String error = null;
        for (EventTrackerStatus status : p.processingStatus().values()) {
            OptionalLong pos = status.getCurrentPosition();
            if (pos.isPresent()) {
                position = position == null ? pos.getAsLong() : Math.min(position, pos.getAsLong());
            } else if (status.getTrackingToken() == null) {
                position = position == null ? 0L : Math.min(position, 0L);
            }
            if (status.isErrorState()) {
                errorState = true;
                Throwable t = status.getError();
                error = t == null ? null : t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        Long lag = position == null ? null : Math.max(0, head - position);
        return new Snapshot(p.isRunning(), errorState, position, head, lag, error);
    }

    @Override
    public Health health() {
        Snapshot s = snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lag", s.lag());
        details.put("position", s.position());
        details.put("head", s.head());
        details.put("running", s.running());
        details.put("errorState", s.errorState());
        if (s.error() != null) {
            details.put("error", s.error());
        }
        return (s.running() ? Health.up() : Health.down()).withDetails(details).build();
    }

    private long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? 0L : token.position().orElse(0L);
    }
}
