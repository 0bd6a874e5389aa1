package com.pnhub.app.bridge;

import com.pnhub.app.support.TestInfrastructure;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A plain AMQP 0-9-1 client (the RabbitMQ Java client, no Spring) on the broker the tests run against, as
 * another team's producer or consumer would use it.
 */
public final class AmqpTestClient implements AutoCloseable {

    record Received(String routingKey, AMQP.BasicProperties properties, String body, boolean redelivered) {
        Object header(String name) {
            Map<String, Object> h = properties.getHeaders();
            Object v = h == null ? null : h.get(name);
            return v == null ? null : v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v instanceof Number ? v : v.toString();
        }
    }

    private final Connection connection;
    private final Channel channel;

    public AmqpTestClient() {
        Map<String, Object> p = TestInfrastructure.get().springProperties();
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(String.valueOf(p.getOrDefault("spring.rabbitmq.host", "127.0.0.1")));
        f.setPort(Integer.parseInt(String.valueOf(p.getOrDefault("spring.rabbitmq.port", "5672"))));
        f.setUsername(String.valueOf(p.getOrDefault("spring.rabbitmq.username", "guest")));
        f.setPassword(String.valueOf(p.getOrDefault("spring.rabbitmq.password", "guest")));
        f.setAutomaticRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(500);
        try {
            connection = f.newConnection("pnhub-it-client");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Channel channel() {
        return channel;
    }

    /** A server-named, exclusive queue bound to {@code exchange} with {@code bindingKey}; gone with the connection. */
    String temporaryQueue(String exchange, String bindingKey) throws IOException {
        String q = channel.queueDeclare().getQueue();
        if (exchange != null) {
            channel.queueBind(q, exchange, bindingKey);
        }
        return q;
    }

    private final List<String> ownQueues = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A queue named {@code pnhub-it-<random>} that other connections may consume (not exclusive), deleted on
     * {@link #close()}; with {@code durable} it survives a broker restart.
     */
    public String sharedQueue(boolean durable) throws IOException {
        String q = "pnhub-it-" + java.util.UUID.randomUUID();
        channel.queueDeclare(q, durable, false, false, null);
        ownQueues.add(q);
        return q;
    }

    /** Declares a queue of that name as {@link #sharedQueue}. */
    String sharedQueue(String name) throws IOException {
        channel.queueDeclare(name, false, false, false, null);
        ownQueues.add(name);
        return name;
    }

    /** Consumes {@code queue} (auto-ack) into the returned collection. */
    ConcurrentLinkedQueue<Received> collect(String queue) throws IOException {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        Channel consumerChannel = connection.createChannel();
        consumerChannel.basicConsume(queue, true, new DefaultConsumer(consumerChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.add(new Received(envelope.getRoutingKey(), properties, new String(body, StandardCharsets.UTF_8),
                        envelope.isRedeliver()));
            }
        });
        return received;
    }

    void publish(String exchange, String routingKey, String messageId, String body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId)
                .contentType("application/json").deliveryMode(2).build();
        publish(exchange, routingKey, props, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes exactly these properties and bytes, confirmed. */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) throws Exception {
        Channel c = connection.createChannel();
        try {
            c.confirmSelect();
            c.basicPublish(exchange, routingKey, props, body);
            c.waitForConfirmsOrDie(5000);
        } finally {
            c.close();
        }
    }

    /**
     * Looks for a message in {@code queue} without disturbing others: fetches without ack until one matches,
     * acks that one only; the rest go back to the queue when the fetching channel closes.
     */
    Optional<Received> take(String queue, Predicate<Received> match) throws Exception {
        Channel c = connection.createChannel();
        List<GetResponse> seen = new ArrayList<>();
        try {
            GetResponse r;
            while ((r = c.basicGet(queue, false)) != null) {
                Received rec = new Received(r.getEnvelope().getRoutingKey(), r.getProps(),
                        new String(r.getBody(), StandardCharsets.UTF_8), r.getEnvelope().isRedeliver());
                if (match.test(rec)) {
                    c.basicAck(r.getEnvelope().getDeliveryTag(), false);
                    return Optional.of(rec);
                }
                seen.add(r);
            }
            return Optional.empty();
        } finally {
            c.close();
        }
    }

    @Override
    public void close() {
        for (String q : ownQueues) {
            try {
                Channel c = connection.createChannel();
                c.queueDelete(q);
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        try {
            connection.close();
        } catch (Exception ignored) {
            // already gone
        }
    }
}
