package com.pnhub.bridge.inbound;

import com.rabbitmq.client.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * The RabbitMQ side of one consumed queue (manual acks). For each delivery:
 * <ul>
 *   <li>success: ack, after the operation returned (commands commit before they return, so the effect is durable);</li>
 *   <li>definitive failure (unparseable/invalid message, a business refusal): publish to {@code <queue>.dlq} with
 *   the reason, confirmed, then ack;</li>
 *   <li>transient failure: retry in the listener after each wait of {@code retryBackoff}; still failing: reject
 *   with requeue, so the broker delivers it again; after {@code maxDeliveries} deliveries of one message
 *   (a quorum queue's own {@code x-delivery-count}, else counted in memory by message id, or by body digest when
 *   there is none) dead-letter it with the reason "gave up after N attempts".</li>
 * </ul>
 * Nothing is acked that was not either done or safely dead-lettered; if the dead-letter publish fails the
 * message is requeued.
 */
public class QueueListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(QueueListener.class);
    private static final int MAX_TRACKED = 10_000;

    private final InboundHandler<?> handler;
    private final DeadLetterPublisher deadLetters;
    private final List<Duration> retryBackoff;
    private final int maxDeliveries;
    private final BridgeMetrics metrics;
    private final Map<String, Integer> deliveries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    public QueueListener(InboundHandler<?> handler, DeadLetterPublisher deadLetters, List<Duration> retryBackoff,
                         int maxDeliveries, BridgeMetrics metrics) {
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.retryBackoff = List.copyOf(retryBackoff);
        this.maxDeliveries = Math.max(1, maxDeliveries);
        this.metrics = metrics;
        metrics.registerAmqp(handler.queue());
    }

    public String queue() {
        return handler.queue();
    }

    @Override
    public void onMessage(Message message, Channel channel) throws Exception {
        long tag = message.getMessageProperties().getDeliveryTag();
        String queue = handler.queue();
        String key = deliveryKey(message);
        int delivery = Math.max(countDelivery(key), brokerDelivery(message));
        String messageId = message.getMessageProperties().getMessageId();
        Exception last = null;
        for (int attempt = 0; ; attempt++) {
            try {
                MessageFields.checkContentType(message.getMessageProperties().getContentType());
                handler.handle(message.getBody(), messageId, "queue " + queue);
                channel.basicAck(tag, false);
                forget(key);
                metrics.consumed(queue, "amqp");
                return;
            } catch (Exception e) {
                if (Failures.isDefinitive(e)) {
                    metrics.failed(queue, "amqp");
                    log.warn("{}: message {} rejected for good: {}", queue, messageId, Failures.reason(e));
                    deadLetterAndAck(message, channel, key, Failures.reason(e), Failures.code(e), delivery);
                    return;
                }
                last = e;
                if (attempt >= retryBackoff.size()) {
                    break;
                }
                metrics.retried(queue);
                log.info("{}: message {} failed ({}), retry {} in {}", queue, messageId, Failures.reason(e), attempt + 1,
                        retryBackoff.get(attempt));
                try {
                    Thread.sleep(retryBackoff.get(attempt).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    channel.basicReject(tag, true);
                    return;
                }
            }
        }
        metrics.failed(queue, "amqp");
        if (delivery >= maxDeliveries) {
            log.error("{}: message {} gave up after {} attempts", queue, messageId, delivery, last);
            deadLetterAndAck(message, channel, key, "gave up after " + delivery + " attempts: " + Failures.reason(last),
                    Failures.code(last), delivery);
        } else {
            log.warn("{}: message {} failed on delivery {} of {} ({}); requeued", queue, messageId, delivery,
                    maxDeliveries, Failures.reason(last));
            channel.basicReject(tag, true);
        }
    }

    private void deadLetterAndAck(Message message, Channel channel, String key, String reason, String code, int delivery)
            throws Exception {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            deadLetters.deadLetter(handler.queue(), message, reason, code, delivery);
        } catch (RuntimeException e) {
            log.error("{}: dead-lettering message {} failed; requeued", handler.queue(),
                    message.getMessageProperties().getMessageId(), e);
            channel.basicReject(tag, true);
            return;
        }
        channel.basicAck(tag, false);
        forget(key);
        metrics.deadLettered(handler.queue());
    }

    /**
     * Deliveries of this message so far (this one included) as a quorum queue counts them: its
     * {@code x-delivery-count} header (earlier deliveries, on any consumer, across restarts) plus this one; 0 from a
     * classic queue, which has no such count.
     */
    static int brokerDelivery(Message message) {
        Object count = message.getMessageProperties().getHeaders().get("x-delivery-count");
        return count instanceof Number n ? (int) Math.min(Integer.MAX_VALUE - 1, n.longValue()) + 1 : 0;
    }

    /** Deliveries of this message so far (this one included), as far as this process has seen. */
    private int countDelivery(String key) {
        synchronized (deliveries) {
            return deliveries.merge(key, 1, Integer::sum);
        }
    }

    private void forget(String key) {
        synchronized (deliveries) {
            deliveries.remove(key);
        }
    }

    static String deliveryKey(Message message) {
        String id = message.getMessageProperties().getMessageId();
        if (id != null && !id.isBlank()) {
            return "id:" + id;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(message.getMessageProperties().getReceivedRoutingKey()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest(message.getBody()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
