package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker goes away in the middle of publishing ({@code rabbitmqctl stop_app}, 3 s, {@code start_app}):
 * commands keep succeeding, the publisher waits and catches up, and every event of the numbers registered
 * around the outage is on the exchange at least once. Needs the machine's RabbitMQ and {@code rabbitmqctl}
 * (skipped on the embedded broker).
 */
@IntegrationTest
class BrokerRestartIntegrationTest extends IntegrationTestProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ConfirmedPublisher publisher;

    @Test
    void aBrokerRestartDuringPublishingLosesNothing() throws Exception {
        Assumptions.assumeTrue(TestInfrastructure.get().amqpReal(), "needs the machine's RabbitMQ");
        String ctl = rabbitmqctl();
        Assumptions.assumeTrue(ctl != null, "rabbitmqctl not found");
        Http http = new Http(port);
        publisher.declareTopology();
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            String queue = amqp.sharedQueue(true);
            amqp.channel().queueBind(queue, BridgeTopology.EVENTS_EXCHANGE, "numbers.NumberRegisteredEvent");

            List<String> numbers = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Thread driver = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    String x = TestData.virtualNumber();
                    Http.Response r = http.method("POST", "/api/v1/numbers",
                            Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
                    if (r.status() == 200 && "registered".equals(r.json().get(0).get("status").asString())) {
                        numbers.add(x);
                    } else {
                        failures.add(x + ": " + r.body());
                    }
                    sleep(100);
                }
            }, "restart-test-driver");
            driver.start();
            sleep(700);
            Http.Response during;
            run(ctl, "stop_app");
            try {
                during = http.getRaw("/actuator/health/publisher");
                sleep(3000);
            } finally {
                run(ctl, "start_app");   // whatever happens, the machine's broker is started again
            }
            driver.join(60_000);

            assertThat(failures).as("commands never fail because of the broker").isEmpty();
            assertThat(numbers).hasSize(40);
            assertThat(during.status()).as(during.body()).isEqualTo(200);   // publisher health stays UP
            assertThat(during.json().get("status").asString()).isEqualTo("UP");

            Map<String, Integer> seen = new ConcurrentHashMap<>();
            Set<String> expected = Set.copyOf(numbers);
            // the test's own connection was closed by the broker's stop too and recovers by itself in a moment
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreException(AlreadyClosedException.class).until(() -> {
                drain(amqp, queue, seen);
                return seen.keySet().containsAll(expected);
            });
            System.out.printf("BRIDGE-MEASURE broker restart: %d numbers registered around a 3 s outage, all %d events "
                    + "arrived, %d duplicates%n", numbers.size(), expected.size(),
                    seen.values().stream().mapToInt(v -> v - 1).sum());
        }
    }

    private static void drain(AmqpTestClient amqp, String queue, Map<String, Integer> seen) throws Exception {
        Channel c = amqp.channel();
        GetResponse r;
        while ((r = c.basicGet(queue, true)) != null) {
            String number = JSON.readTree(new String(r.getBody(), StandardCharsets.UTF_8)).get("number").asString();
            seen.merge(number, 1, Integer::sum);
        }
    }

    private static String rabbitmqctl() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin").split(":")) {
            File f = new File(dir, "rabbitmqctl");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    private static void run(String ctl, String command) throws Exception {
        Process p = new ProcessBuilder(ctl, command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rabbitmqctl %s: %s", command, out).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
