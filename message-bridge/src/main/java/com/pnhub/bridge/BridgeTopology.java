package com.pnhub.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

/**
 * Names and declarations of the bridge's exchanges and queues. {@link QueueType#CLASSIC} declares them without
 * arguments, as the embedded Qpid broker requires (it closes the connection on {@code x-queue-type} or
 * {@code x-dead-letter-*}); {@link QueueType#QUORUM} declares every legacy queue and DLQ as a quorum queue, and a
 * consumed queue with the broker's own delivery limit and dead-lettering to its DLQ, so that a message that kills
 * its consumer each time (which no in-memory count survives) still ends in the DLQ. Dead-lettering with a reason
 * stays the listener's job either way (docs/messaging.md).
 */
public final class BridgeTopology {

    /** Every domain event, routing key {@code <context>.<EventSimpleName>}. */
    public static final String EVENTS_EXCHANGE = "pnhub.events";
    public static final String SERVICE_EXCHANGE = "service_exchange1";
    public static final String HOUSE_EXCHANGE = "house_exchange1";

    /** MQ108 隐私号 X 解绑 B: produced and consumed by this service. */
    public static final String MQ108_PRIVATE_NUMBER_XNB = "service_exchange1_privatenumberXNB";
    /** MQ173 隐私号设置黑名单: consumed. */
    public static final String MQ173_SET_BLACK_NUMBER = "service_exchange1_SetBlackNumber";
    /** MQ175 看电话写日志: produced only. */
    public static final String MQ175_GET_PHONE_WRITE_LOG = "house_exchange1_GetPhoneWriteLog";
    /** MQ176 小号添加员工历史手机号码: consumed. */
    public static final String MQ176_SALE_CALL_PHONE_NUMBER_POOL = "house_exchange1_SaleCallPhoneNumberPool";

    public static final String DLQ_SUFFIX = ".dlq";

    private BridgeTopology() {
    }

    public static String dlq(String queue) {
        return queue + DLQ_SUFFIX;
    }

    /** The exchange a legacy queue is bound to: its name's prefix. */
    public static String exchangeOf(String queue) {
        return queue.startsWith(HOUSE_EXCHANGE + "_") ? HOUSE_EXCHANGE : SERVICE_EXCHANGE;
    }

    /** How the legacy queues and their DLQs are declared ({@code pnhub.bridge.queue-type}). */
    public enum QueueType { CLASSIC, QUORUM }

    /**
     * @param deliveryLimit for quorum queues: deliveries after which the broker itself dead-letters a message
     *                      ({@code x-delivery-limit}); the listener dead-letters with a reason at this many first
     */
    public static List<Declarable> declarables(QueueType type, int deliveryLimit) {
        TopicExchange events = new TopicExchange(EVENTS_EXCHANGE, true, false);
        DirectExchange service = new DirectExchange(SERVICE_EXCHANGE, true, false);
        DirectExchange house = new DirectExchange(HOUSE_EXCHANGE, true, false);
        List<Declarable> all = new java.util.ArrayList<>(List.of(events, service, house));
        for (String q : List.of(MQ173_SET_BLACK_NUMBER, MQ176_SALE_CALL_PHONE_NUMBER_POOL, MQ108_PRIVATE_NUMBER_XNB,
                MQ175_GET_PHONE_WRITE_LOG)) {
            Queue queue = new Queue(q, true, false, false, queueArguments(type, q, deliveryLimit));
            DirectExchange exchange = exchangeOf(q).equals(HOUSE_EXCHANGE) ? house : service;
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(q);
            all.add(queue);
            all.add(binding);
        }
        for (String q : List.of(MQ173_SET_BLACK_NUMBER, MQ176_SALE_CALL_PHONE_NUMBER_POOL, MQ108_PRIVATE_NUMBER_XNB)) {
            // on the default exchange only (routing key = its name)
            all.add(new Queue(dlq(q), true, false, false, type == QueueType.QUORUM ? Map.of(QUEUE_TYPE, "quorum") : null));
        }
        return all;
    }

    static final String QUEUE_TYPE = "x-queue-type";

    private static Map<String, Object> queueArguments(QueueType type, String queue, int deliveryLimit) {
        if (type == QueueType.CLASSIC) {
            return null;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(QUEUE_TYPE, "quorum");
        if (!queue.equals(MQ175_GET_PHONE_WRITE_LOG)) {
            // MQ175 is another team's to consume: its dead-lettering is theirs to choose
            arguments.put("x-delivery-limit", deliveryLimit);
            arguments.put("x-dead-letter-exchange", "");
            arguments.put("x-dead-letter-routing-key", dlq(queue));
            // the broker's default is at-most-once: a message it dead-letters while the DLQ cannot take it is gone.
            // At-least-once keeps it until the DLQ confirmed the copy (RabbitMQ 3.10+, with reject-publish overflow)
            arguments.put("x-dead-letter-strategy", "at-least-once");
            arguments.put("x-overflow", "reject-publish");
        }
        return arguments;
    }
}
