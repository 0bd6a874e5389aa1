package com.pnhub.bridge.inbound;

import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import java.time.Instant;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;

/**
 * Puts a message that will not be processed on {@code <queue>.dlq} (default exchange): the original body and
 * properties plus {@code x-dlq-reason}, {@code x-dlq-error-code}, {@code x-dlq-queue}, {@code x-dlq-failed-at}
 * (ISO-8601), {@code x-dlq-deliveries} and {@code x-dlq-id} (a random UUID that the dead-letter API names it by);
 * confirmed by the broker before the caller acks the original.
 */
public class DeadLetterPublisher {

    public static final String REASON = "x-dlq-reason";
    public static final String ERROR_CODE = "x-dlq-error-code";
    public static final String QUEUE = "x-dlq-queue";
    public static final String FAILED_AT = "x-dlq-failed-at";
    public static final String DELIVERIES = "x-dlq-deliveries";
    /** Since issue 16; a dead letter of an earlier build has none (DeadLetter derives one from its content). */
    public static final String ID = "x-dlq-id";
    /** Every header this class adds starts with it: a re-drive removes them all. */
    public static final String HEADER_PREFIX = "x-dlq-";

    private final ConfirmedPublisher publisher;

    public DeadLetterPublisher(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    public void deadLetter(String queue, Message original, String reason, String errorCode, int deliveries) {
        Message copy = MessageBuilder.fromClonedMessage(original)
                .setHeader(REASON, reason)
                .setHeader(ERROR_CODE, errorCode)
                .setHeader(QUEUE, queue)
                .setHeader(FAILED_AT, Instant.now().toString())
                .setHeader(DELIVERIES, deliveries)
                .setHeader(ID, UUID.randomUUID().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        publisher.publish("", BridgeTopology.dlq(queue), copy);
    }
}
