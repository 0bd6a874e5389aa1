package com.pnhub.bridge.inbound;

import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import java.time.Instant;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;

/**
 * Puts a message that will not be processed on {@code <queue>.dlq} (default exchange): the original body and
 * properties plus {@code x-dlq-reason}, {@code x-dlq-error-code}, {@code x-dlq-queue}, {@code x-dlq-failed-at}
 * (ISO-8601) and {@code x-dlq-deliveries}; confirmed by the broker before the caller acks the original.
 */
public class DeadLetterPublisher {

    public static final String REASON = "x-dlq-reason";
    public static final String ERROR_CODE = "x-dlq-error-code";
    public static final String QUEUE = "x-dlq-queue";
    public static final String FAILED_AT = "x-dlq-failed-at";
    public static final String DELIVERIES = "x-dlq-deliveries";

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
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        publisher.publish("", BridgeTopology.dlq(queue), copy);
    }
}
