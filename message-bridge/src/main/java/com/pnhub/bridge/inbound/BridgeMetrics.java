package com.pnhub.bridge.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Counters per consumed queue and entry ({@code amqp} listener or {@code http} push):
 * {@code pnhub.bridge.consumed} (the operation succeeded), {@code pnhub.bridge.failed} (a delivery or push
 * failed), {@code pnhub.bridge.retried} (an in-listener retry after a transient failure),
 * {@code pnhub.bridge.dead_lettered} (sent to {@code <queue>.dlq}); and per queue only, the operators' actions on
 * dead letters: {@code pnhub.bridge.dead_letters.redriven} and {@code pnhub.bridge.dead_letters.discarded}.
 */
public class BridgeMetrics {

    private final MeterRegistry registry;

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The four counters of a queue's AMQP listener, at zero until they count: a counter that first appears at its
     * first failure has no earlier sample, so {@code rate()} and {@code increase()} miss that failure.
     */
    public void registerAmqp(String queue) {
        for (String name : List.of("pnhub.bridge.consumed", "pnhub.bridge.failed", "pnhub.bridge.retried",
                "pnhub.bridge.dead_lettered")) {
            counter(name, queue, "amqp");
        }
    }

    public void consumed(String queue, String entry) {
        counter("pnhub.bridge.consumed", queue, entry).increment();
    }

    public void failed(String queue, String entry) {
        counter("pnhub.bridge.failed", queue, entry).increment();
    }

    public void retried(String queue) {
        counter("pnhub.bridge.retried", queue, "amqp").increment();
    }

    public void deadLettered(String queue) {
        counter("pnhub.bridge.dead_lettered", queue, "amqp").increment();
    }

    public void redriven(String queue, int messages) {
        Counter.builder("pnhub.bridge.dead_letters.redriven").tag("queue", queue)
                .description("Dead letters published back to their queue by an operator").register(registry).increment(messages);
    }

    public void discarded(String queue) {
        Counter.builder("pnhub.bridge.dead_letters.discarded").tag("queue", queue)
                .description("Dead letters dropped by an operator").register(registry).increment();
    }

    /** A counter tagged with the queue only (the dead-letter actions); 0 before its first increment. */
    public double count(String name, String queue) {
        Counter c = registry.find(name).tags("queue", queue).counter();
        return c == null ? 0 : c.count();
    }

    public double count(String name, String queue, String entry) {
        Counter c = registry.find(name).tags("queue", queue, "entry", entry).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String queue, String entry) {
        return Counter.builder(name).tags("queue", queue, "entry", entry).register(registry);
    }
}
