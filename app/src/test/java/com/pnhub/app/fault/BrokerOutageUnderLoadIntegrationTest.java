package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.bridge.AmqpTestClient;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RabbitMQ stops ({@code rabbitmqctl stop_app}) in the middle of a legacy bind/unbind load and starts again:
 * every command is answered 2000 throughout, and once the broker is back every event stored during the load
 * reaches a queue bound to {@code pnhub.events} (counted by message id, duplicates allowed, none missing).
 * Needs the machine's RabbitMQ and {@code rabbitmqctl}.
 */
@IntegrationTest
class BrokerOutageUnderLoadIntegrationTest extends IntegrationTestProperties {

    private static final long OUTAGE_MILLIS = 5_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfirmedPublisher publisher;

    @Test
    void commandsKeepSucceedingAndEveryEventArrivesAfterTheBrokerReturns() throws Exception {
        Assumptions.assumeTrue(TestInfrastructure.get().amqpReal(), "needs the machine's RabbitMQ");
        Assumptions.assumeTrue(Outages.executable("rabbitmqctl") != null, "rabbitmqctl not found");
        publisher.declareTopology();
        LegacyLoad load = new LegacyLoad(new Http(port), 12);
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            String queue = amqp.sharedQueue(true);
            amqp.channel().queueBind(queue, BridgeTopology.EVENTS_EXCHANGE, "#");
            long firstIndex = head() + 1;
            load.bindAll();
            load.start(3, 50);
            LegacyLoad.sleep(1_500);

            long stoppedAt = System.currentTimeMillis();
            long startedAt;
            Outages.rabbit("stop_app");
            try {
                LegacyLoad.sleep(OUTAGE_MILLIS);
            } finally {
                Outages.rabbit("start_app");   // whatever happens, the machine's broker runs again
                startedAt = System.currentTimeMillis();
            }
            LegacyLoad.sleep(1_500);
            List<LegacyLoad.Op> ops = load.stop();
            long lastIndex = head();

            List<LegacyLoad.Op> failed = ops.stream().filter(o -> o.code() != 2000).toList();
            long duringOutage = ops.stream().filter(o -> o.startedAt() >= stoppedAt && o.startedAt() < startedAt).count();
            assertThat(failed).as("commands answered other than 2000").isEmpty();
            assertThat(duringOutage).as("commands answered while the broker was down").isPositive();

            Set<String> expected = eventIds(firstIndex, lastIndex);
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                drain(amqp, queue, seen);
                return seen.keySet().containsAll(expected);
            });
            long deliveredAfter = System.currentTimeMillis() - startedAt;
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen.keySet());
            assertThat(missing).isEmpty();
            System.out.printf("FAULT-MEASURE broker outage: %d commands (%d during the %d ms outage), all 2000; %d events "
                            + "stored, all on pnhub.events %d ms after start_app, %d duplicates%n", ops.size(), duringOutage,
                    startedAt - stoppedAt, expected.size(), deliveredAfter,
                    expected.stream().mapToInt(id -> seen.getOrDefault(id, 1) - 1).sum());
        } finally {
            load.stop();
        }
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private Set<String> eventIds(long from, long to) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE global_index BETWEEN ? AND ?", String.class, from, to));
    }

    private static void drain(AmqpTestClient amqp, String queue, Map<String, Integer> seen) throws Exception {
        GetResponse r;
        while ((r = amqp.channel().basicGet(queue, true)) != null) {
            String id = r.getProps().getMessageId();
            if (id != null) {
                seen.merge(id, 1, Integer::sum);
            }
        }
    }
}
