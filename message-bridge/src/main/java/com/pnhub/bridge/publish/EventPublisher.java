package com.pnhub.bridge.publish;

import com.pnhub.bridge.BridgeTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event store is the outbox: this handler, alone in the tracking processor {@value #PROCESSING_GROUP}
 * (tracking, one segment, so the order is the store's global order), publishes every event to
 * {@code pnhub.events} (personal fields masked, {@link PersonalDataMasking}) and to the legacy queues routed in
 * {@link LegacyMessageRoutes}, all messages of a batch
 * confirmed by the broker before the batch's token is stored. Any failure throws; with the application's
 * PropagatingErrorHandler the processor keeps its token and retries from it with backoff, so an event is
 * published at least once and never skipped, and a broker outage delays publishing but never fails a command.
 */
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
public class EventPublisher {

    public static final String PROCESSING_GROUP = "rabbit-publisher";
    public static final String HEADER_AGGREGATE_ID = "x-aggregate-id";
    public static final String HEADER_AGGREGATE_TYPE = "x-aggregate-type";
    public static final String HEADER_SEQUENCE_NUMBER = "x-sequence-number";
    public static final String HEADER_EVENT_TYPE = "x-event-type";
    public static final String HEADER_META_PREFIX = "x-meta-";
    private static final String BATCH_RESOURCE = EventPublisher.class.getName() + ".batch";

    private final ConfirmedPublisher publisher;
    private final LegacyMessageRoutes routes;
    private final JsonMapper eventJson;
    private final JsonMapper legacyJson;
    private final Counter published;

    public EventPublisher(ConfirmedPublisher publisher, LegacyMessageRoutes routes, JsonMapper json, MeterRegistry meters) {
        this.publisher = publisher;
        this.routes = routes;
        this.eventJson = PersonalDataMasking.masking(json);
        // the legacy bodies are the contract's records, which mask (or leave out) A and B themselves
        this.legacyJson = json;
        this.published = Counter.builder("pnhub.publisher.published")
                .description("Messages published to RabbitMQ and confirmed by the broker").register(meters);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        Class<?> type = payload.getClass();
        List<ConfirmedPublisher.Outgoing> batch = batch();
        batch.add(new ConfirmedPublisher.Outgoing(BridgeTopology.EVENTS_EXCHANGE, routingKey(type),
                new Message(eventJson.writeValueAsBytes(payload), properties(event, type.getSimpleName()))));
        for (LegacyMessageRoutes.Route route : routes.routesFor(type)) {
            Object body = route.body().apply(event);
            if (body != null) {
                MessageProperties props = properties(event, body.getClass().getSimpleName());
                props.setHeader(HEADER_EVENT_TYPE, type.getSimpleName());
                batch.add(new ConfirmedPublisher.Outgoing(route.exchange(), route.routingKey(),
                        new Message(legacyJson.writeValueAsBytes(body), props)));
            }
        }
        if (!CurrentUnitOfWork.isStarted()) {
            flush(batch);
        }
    }

    /**
     * The messages of the processor's current batch. They are published together, with one wait for the
     * broker's confirms, when the batch's unit of work prepares to commit: before the token that the same
     * transaction stores, so a failed publish rolls the token back and the whole batch is sent again.
     */
    private List<ConfirmedPublisher.Outgoing> batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ArrayList<>();
        }
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(BATCH_RESOURCE, key -> {
            List<ConfirmedPublisher.Outgoing> messages = new ArrayList<>();
            uow.onPrepareCommit(u -> flush(messages));
            return messages;
        });
    }

    private void flush(List<ConfirmedPublisher.Outgoing> messages) {
        publisher.publishAll(messages);
        published.increment(messages.size());
    }

    /** {@code <context>.<EventSimpleName>}: context is the last segment of the payload's package. */
    public static String routingKey(Class<?> payloadType) {
        String pkg = payloadType.getPackageName();
        String context = pkg.substring(pkg.lastIndexOf('.') + 1);
        return context + "." + payloadType.getSimpleName();
    }

    static MessageProperties properties(EventMessage<?> event, String type) {
        MessageProperties p = new MessageProperties();
        p.setMessageId(event.getIdentifier());
        p.setType(type);
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        p.setContentEncoding("UTF-8");
        p.setTimestamp(Date.from(event.getTimestamp()));
        p.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (event instanceof DomainEventMessage<?>) {
            DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
            p.setHeader(HEADER_AGGREGATE_ID, domain.getAggregateIdentifier());
            p.setHeader(HEADER_SEQUENCE_NUMBER, domain.getSequenceNumber());
            if (domain.getType() != null) {
                p.setHeader(HEADER_AGGREGATE_TYPE, domain.getType());
            }
        }
        for (Map.Entry<String, ?> meta : event.getMetaData().entrySet()) {
            if (meta.getValue() != null) {
                p.setHeader(HEADER_META_PREFIX + meta.getKey(), String.valueOf(meta.getValue()));
            }
        }
        return p;
    }
}
