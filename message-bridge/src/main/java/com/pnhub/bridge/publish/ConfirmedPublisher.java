package com.pnhub.bridge.publish;

import com.rabbitmq.client.Channel;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends a message and returns only once the broker confirmed it; throws otherwise (broker down, nack,
 * no confirm within the timeout).
 *
 * <p>It has a connection of its own, with {@code publisher-confirm-type: simple} whatever the application's
 * {@code spring.rabbitmq.publisher-confirm-type} is, and a {@link RabbitAdmin} on it that (re)declares the
 * bridge's topology on each new connection, so a publish after a broker restart finds its exchange. The
 * publisher connection is kept apart from the consumers' so that flow control on publishing never
 * stalls the listeners. "Simple" confirms ({@code confirm.select} + {@code waitForConfirmsOrDie} on a
 * channel dedicated for the call) work on RabbitMQ and on the embedded Qpid broker alike.
 */
public class ConfirmedPublisher implements DisposableBean {

    private final CachingConnectionFactory connectionFactory;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final long confirmTimeoutMillis;

    public ConfirmedPublisher(CachingConnectionFactory connectionFactory, RabbitAdmin admin, Duration confirmTimeout) {
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(false);
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
    }

    /** Publishes and waits for the broker's confirm. */
    public void publish(String exchange, String routingKey, Message message) {
        template.invoke(ops -> {
            ops.send(exchange, routingKey, message);
            ops.waitForConfirmsOrDie(confirmTimeoutMillis);
            return null;
        });
    }

    /** One message for {@link #publishAll}. */
    public record Outgoing(String exchange, String routingKey, Message message) {
    }

    /**
     * Publishes every message on one channel and waits once for the broker to confirm them all: a round trip
     * per batch, not per message. Throws if any was not confirmed; the caller then sends them all again.
     */
    public void publishAll(java.util.List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        template.invoke(ops -> {
            for (Outgoing m : messages) {
                ops.send(m.exchange(), m.routingKey(), m.message());
            }
            ops.waitForConfirmsOrDie(confirmTimeoutMillis);
            return null;
        });
    }

    /** Work done on one channel; it may publish with {@link Channel#waitForConfirmsOrDie(long)} of the given timeout. */
    @FunctionalInterface
    public interface ChannelWork<T> {
        T run(Channel channel, long confirmTimeoutMillis) throws Exception;
    }

    /**
     * Runs {@code work} on one channel of the publisher's connection, in confirm mode. If it fails, the channel is
     * closed for real rather than returned to the cache, so that any delivery it fetched and left unacked goes back
     * to its queue at once instead of staying with a cached channel.
     */
    public <T> T onOneChannel(ChannelWork<T> work) {
        return template.execute(channel -> {
            try {
                return work.run(channel, confirmTimeoutMillis);
            } catch (Exception | Error e) {
                Channel target = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
                try {
                    target.abort();
                } catch (Exception ignored) {
                    // already closed: its deliveries are back in their queue
                }
                throw e;
            }
        });
    }

    /** The messages ready in {@code queue} (a passive declare); null when there is no such queue. */
    public Long messageCount(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        return info == null ? null : (long) info.getMessageCount();
    }

    /** Declares the bridge's exchanges and queues now (they are declared on every new connection anyway). */
    public void declareTopology() {
        admin.initialize();
    }

    public CachingConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @Override
    public void destroy() {
        connectionFactory.destroy();
    }
}
