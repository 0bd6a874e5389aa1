package com.pnhub.fault;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer of {@code pnhub.events} as another team would run one: its own queue bound to every routing
 * key, counting deliveries per message id (the event id). The exchange is shared with every other test
 * on this broker, so messages of other services arrive too; the checks look only at our event ids.
 */
final class EventTap implements AutoCloseable {

    static final String EXCHANGE = "pnhub.events";

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    EventTap(String queue) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setAutomaticRecoveryEnabled(true);
        this.queue = queue;
        connection = f.newConnection("pnhub-fault-suite");
        channel = connection.createChannel();
        // declared before the services start, so that not even their first events miss our queue
        channel.exchangeDeclare(EXCHANGE, "topic", true, false, null);
        channel.queueDeclare(queue, false, false, false, null);
        channel.queueBind(queue, EXCHANGE, "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                if (properties.getMessageId() != null) {
                    deliveries.computeIfAbsent(properties.getMessageId(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
    }

    /** message id → how many times it arrived. */
    Map<String, AtomicInteger> deliveries() {
        return deliveries;
    }

    @Override
    public void close() throws Exception {
        try {
            channel.queueDelete(queue);
        } finally {
            connection.close();
        }
    }
}
