package com.pnhub.bridge;

import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

/**
 * Names and declarations of the bridge's exchanges and queues. Portable on purpose: no
 * {@code x-dead-letter-*}, {@code x-message-ttl} or {@code x-queue-type} argument (the embedded Qpid broker
 * closes the connection on them); dead-lettering is done by the listener itself.
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

    public static List<Declarable> declarables() {
        TopicExchange events = new TopicExchange(EVENTS_EXCHANGE, true, false);
        DirectExchange service = new DirectExchange(SERVICE_EXCHANGE, true, false);
        DirectExchange house = new DirectExchange(HOUSE_EXCHANGE, true, false);
        List<Declarable> all = new java.util.ArrayList<>(List.of(events, service, house));
        for (String q : List.of(MQ173_SET_BLACK_NUMBER, MQ176_SALE_CALL_PHONE_NUMBER_POOL, MQ108_PRIVATE_NUMBER_XNB,
                MQ175_GET_PHONE_WRITE_LOG)) {
            Queue queue = new Queue(q, true, false, false);
            DirectExchange exchange = exchangeOf(q).equals(HOUSE_EXCHANGE) ? house : service;
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(q);
            all.add(queue);
            all.add(binding);
        }
        for (String q : List.of(MQ173_SET_BLACK_NUMBER, MQ176_SALE_CALL_PHONE_NUMBER_POOL, MQ108_PRIVATE_NUMBER_XNB)) {
            // on the default exchange only (routing key = its name)
            all.add(new Queue(dlq(q), true, false, false));
        }
        return all;
    }
}
