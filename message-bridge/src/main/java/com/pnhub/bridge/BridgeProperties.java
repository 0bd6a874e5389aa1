package com.pnhub.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pnhub.bridge.*}: the RabbitMQ bridge's settings. Every value has a default; see docs/messaging.md.
 */
@ConfigurationProperties(prefix = "pnhub.bridge")
public class BridgeProperties {

    /** Switches the whole bridge (publisher processor, declarations, listeners, push endpoints) on or off. */
    private boolean enabled = true;
    /**
     * What the legacy queues and their dead-letter queues are declared as: {@code classic} (the default, what the
     * Run command's embedded broker supports) or {@code quorum} (replicated on a RabbitMQ cluster; the prod profile).
     */
    private BridgeTopology.QueueType queueType = BridgeTopology.QueueType.CLASSIC;
    private final Publisher publisher = new Publisher();
    private final Listeners listeners = new Listeners();
    /** Per consumed queue, keyed by the queue name (e.g. {@code service_exchange1_SetBlackNumber}). */
    private final Map<String, QueueSettings> queues = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public BridgeTopology.QueueType getQueueType() {
        return queueType;
    }

    public void setQueueType(BridgeTopology.QueueType queueType) {
        this.queueType = queueType;
    }

    public Publisher getPublisher() {
        return publisher;
    }

    public Listeners getListeners() {
        return listeners;
    }

    public Map<String, QueueSettings> getQueues() {
        return queues;
    }

    /** The concurrency of a queue: its own setting, else the contract's value. */
    public int concurrency(String queue, int contractDefault) {
        QueueSettings s = queues.get(queue);
        return s != null && s.getConcurrency() != null ? s.getConcurrency() : contractDefault;
    }

    public static class Publisher {
        /** How long a publish waits for the broker's confirm before it fails (and the processor retries). */
        private Duration confirmTimeout = Duration.ofSeconds(10);

        public Duration getConfirmTimeout() {
            return confirmTimeout;
        }

        public void setConfirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
        }
    }

    public static class Listeners {
        /** Whether the queue listeners start with the application. */
        private boolean autoStartup = true;
        /** Unacknowledged messages a consumer holds at once. */
        private int prefetch = 5;
        /** Waits between the in-listener retries of a transient failure; then the message is requeued. */
        private List<Duration> retryBackoff = new ArrayList<>(List.of(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(5)));
        /** Deliveries of one message (each with its in-listener retries) before it is dead-lettered. */
        private int maxDeliveries = 20;
        /** How long stopping a container waits for in-flight messages. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public boolean isAutoStartup() {
            return autoStartup;
        }

        public void setAutoStartup(boolean autoStartup) {
            this.autoStartup = autoStartup;
        }

        public int getPrefetch() {
            return prefetch;
        }

        public void setPrefetch(int prefetch) {
            this.prefetch = prefetch;
        }

        public List<Duration> getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(List<Duration> retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public int getMaxDeliveries() {
            return maxDeliveries;
        }

        public void setMaxDeliveries(int maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    public static class QueueSettings {
        private Integer concurrency;

        public Integer getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(Integer concurrency) {
            this.concurrency = concurrency;
        }
    }
}
