package com.pnhub.bridge.deadletter;

import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.deadletter.DeadLetterActions.Action;
import com.pnhub.bridge.deadletter.DeadLetterActions.Recorded;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, re-drives and discards the messages of the consumed queues' {@code <queue>.dlq}. AMQP cannot browse a queue,
 * so every operation fetches with {@code basic.get} and manual acks on one channel, acks only what it re-drove (after
 * the broker confirmed the copy on the legacy queue) or discarded, and rejects the rest with requeue, which puts them
 * back where they were. Until then they are unacked deliveries of that channel: if the service dies mid-way (or the
 * operation fails) the channel closes and the broker requeues them all; a re-drive cut off between the confirm and the
 * ack leaves the message in both queues, which the consumers' idempotent operations absorb (docs/messaging.md).
 *
 * <p>While one operation holds a queue's messages, another one on the same queue does not see them: operations on one
 * queue are serialised within this instance; across instances a listing may miss what another instance holds for
 * that moment.
 */
public class DeadLetterQueues {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    /** The queues the bridge consumes and dead-letters, in BridgeTopology's order. */
    public static final List<String> QUEUES = List.of(BridgeTopology.MQ173_SET_BLACK_NUMBER,
            BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, BridgeTopology.MQ108_PRIVATE_NUMBER_XNB);
    /** Re-drive-all publishes this many, waits for their confirms once, then acks them. */
    private static final int REDRIVE_BATCH = 100;

    private final ConfirmedPublisher publisher;
    private final DeadLetterActions actions;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public DeadLetterQueues(ConfirmedPublisher publisher, DeadLetterActions actions, BridgeMetrics metrics, Clock clock) {
        this.publisher = publisher;
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public static boolean isDeadLettered(String queue) {
        return QUEUES.contains(queue);
    }

    /** Messages in the queue's DLQ, from a passive declare; null when the DLQ does not exist. */
    public Long count(String queue) {
        return publisher.messageCount(BridgeTopology.dlq(queue));
    }

    /** Up to {@code limit} dead letters, oldest first, all left in the DLQ in their order. */
    public List<DeadLetter> peek(String queue, int limit) {
        return locked(queue, () -> publisher.onOneChannel((channel, confirmTimeout) -> {
            List<DeadLetter> seen = new ArrayList<>();
            List<Long> tags = new ArrayList<>();
            GetResponse r;
            while (seen.size() < limit && (r = channel.basicGet(BridgeTopology.dlq(queue), false)) != null) {
                tags.add(r.getEnvelope().getDeliveryTag());
                seen.add(DeadLetter.of(queue, r.getProps(), r.getBody()));
            }
            requeue(channel, tags);
            return seen;
        }));
    }

    /**
     * Publishes the dead letter {@code id} back to its queue (its exchange, routing key = the queue) without its
     * {@code x-dlq-*} headers and with {@code x-redriven-at}; acks the DLQ copy once the broker confirmed. Empty when
     * the DLQ has no such message.
     */
    public Optional<Recorded> redrive(String queue, String id, String actor) {
        return withOne(queue, id, (channel, confirmTimeout, letter, tag) -> {
            Instant now = clock.instant();
            publishBack(channel, letter, now);
            channel.waitForConfirmsOrDie(confirmTimeout);
            Recorded done = new Recorded(now, queue, id, Action.REDRIVEN, null, actor, letter.reason());
            actions.record(List.of(done));
            channel.basicAck(tag, false);
            metrics.redriven(queue, 1);
            logAction(done, letter);
            return done;
        });
    }

    /** Drops the dead letter {@code id} (acks it) and records why. Empty when the DLQ has no such message. */
    public Optional<Recorded> discard(String queue, String id, String note, String actor) {
        return withOne(queue, id, (channel, confirmTimeout, letter, tag) -> {
            Recorded done = new Recorded(clock.instant(), queue, id, Action.DISCARDED, note, actor, letter.reason());
            actions.record(List.of(done));
            channel.basicAck(tag, false);
            metrics.discarded(queue);
            logAction(done, letter);
            return done;
        });
    }

    /**
     * Re-drives as many dead letters as the DLQ held when called, oldest first, in confirmed batches; one that fails
     * again meanwhile comes back behind them and is not taken a second time. Returns how many were re-driven.
     */
    public int redriveAll(String queue, String actor) {
        return locked(queue, () -> publisher.onOneChannel((channel, confirmTimeout) -> {
            String dlq = BridgeTopology.dlq(queue);
            long present = channel.queueDeclarePassive(dlq).getMessageCount();
            int done = 0;
            while (done < present) {
                List<DeadLetter> batch = new ArrayList<>();
                List<Long> tags = new ArrayList<>();
                GetResponse r;
                while (batch.size() < REDRIVE_BATCH && done + batch.size() < present
                        && (r = channel.basicGet(dlq, false)) != null) {
                    tags.add(r.getEnvelope().getDeliveryTag());
                    batch.add(DeadLetter.of(queue, r.getProps(), r.getBody()));
                }
                if (batch.isEmpty()) {
                    break;
                }
                Instant now = clock.instant();
                for (DeadLetter letter : batch) {
                    publishBack(channel, letter, now);
                }
                channel.waitForConfirmsOrDie(confirmTimeout);
                List<Recorded> recorded = batch.stream()
                        .map(l -> new Recorded(now, queue, l.id(), Action.REDRIVEN, null, actor, l.reason())).toList();
                actions.record(recorded);
                for (long tag : tags) {
                    channel.basicAck(tag, false);
                }
                metrics.redriven(queue, batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    logAction(recorded.get(i), batch.get(i));
                }
                done += batch.size();
            }
            return done;
        }));
    }

    @FunctionalInterface
    private interface OnOne<T> {
        T apply(Channel channel, long confirmTimeout, DeadLetter letter, long deliveryTag) throws Exception;
    }

    /** Finds {@code id} among the messages the DLQ holds now, acts on it, and puts the others back. */
    private <T> Optional<T> withOne(String queue, String id, OnOne<T> action) {
        return locked(queue, () -> publisher.onOneChannel((channel, confirmTimeout) -> {
            String dlq = BridgeTopology.dlq(queue);
            List<Long> others = new ArrayList<>();
            T result = null;
            GetResponse r;
            // until found or the DLQ has nothing more to give: the ones held here unacked are not given twice, and
            // a quorum queue's message count lags a requeue (a peek just before), so it is no bound to go by
            while ((r = channel.basicGet(dlq, false)) != null) {
                long tag = r.getEnvelope().getDeliveryTag();
                DeadLetter letter = DeadLetter.of(queue, r.getProps(), r.getBody());
                if (letter.id().equals(id)) {
                    result = action.apply(channel, confirmTimeout, letter, tag);
                    break;
                }
                others.add(tag);
            }
            requeue(channel, others);
            return Optional.ofNullable(result);
        }));
    }

    private static void publishBack(Channel channel, DeadLetter letter, Instant now) throws IOException {
        channel.basicPublish(BridgeTopology.exchangeOf(letter.queue()), letter.queue(), false,
                letter.redrivenProperties(now), letter.body());
    }

    /** basic.reject one by one: basic.nack is a RabbitMQ extension the embedded Qpid broker may not take. */
    private static void requeue(Channel channel, List<Long> tags) throws IOException {
        for (long tag : tags) {
            channel.basicReject(tag, true);
        }
    }

    private static void logAction(Recorded done, DeadLetter letter) {
        // ids and codes only: the reason and the note may quote a phone number
        log.info("dead letter {} of {} {} by {} (error code {}, message id {})", done.messageId(), done.queue(),
                done.action(), done.actor(), letter.errorCode(), letter.properties().getMessageId());
    }

    private <T> T locked(String queue, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(queue, q -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
