package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.legacy.PhoneWriteLogMessage;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.pnhub.bridge.publish.EventPublisher;
import com.pnhub.bridge.publish.PublisherMonitor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import com.pnhub.bridge.publish.LegacyMessageRoutes;
import com.pnhub.app.security.Role;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every domain event leaves on {@code pnhub.events}, confirmed, with its id, type, metadata and JSON body. */
@IntegrationTest
class BridgePublishingIntegrationTest extends IntegrationTestProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    LegacyMessageRoutes routes;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    PublisherMonitor monitor;
    long lastPosition;

    Http http;
    AmqpTestClient amqp;
    ConcurrentLinkedQueue<AmqpTestClient.Received> events;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        publisher.declareTopology();
        amqp = new AmqpTestClient();
        events = amqp.collect(amqp.temporaryQueue(BridgeTopology.EVENTS_EXCHANGE, "#"));
        Long position = monitor.snapshot().position();
        lastPosition = position == null ? 0 : position;
    }

    @AfterEach
    void tearDown() {
        amqp.close();
    }

    @Test
    void domainEventsArePublishedWithIdTypeMetadataAndJson() throws Exception {
        String x1 = TestData.virtualNumber();
        String x2 = TestData.virtualNumber();
        String user = TestData.userId();
        String phone = TestData.realNumber();
        String operator = "op-" + user;
        HttpResponse<String> reg = send("POST", "/api/v1/numbers", operator, Http.toJson(List.of(
                Map.of("number", x1, "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", x2, "platform", 3, "poolId", 17, "regionId", 1))));
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        HttpResponse<String> agent = send("PUT", "/api/v1/agents/" + user, operator,
                Http.toJson(Map.of("name", "桥接", "phone", phone)));
        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);

        AmqpTestClient.Received r1 = awaitEvent(x1, "numbers.NumberRegisteredEvent");
        AmqpTestClient.Received r2 = awaitEvent(x2, "numbers.NumberRegisteredEvent");
        AmqpTestClient.Received ra = awaitEvent(user, "agents.AgentProfileUpdatedEvent");

        for (AmqpTestClient.Received r : List.of(r1, r2, ra)) {
            assertThat(r.properties().getContentType()).isEqualTo("application/json");
            assertThat(r.properties().getDeliveryMode()).isEqualTo(2);
            assertThat(r.properties().getTimestamp()).isNotNull();
            assertThat(r.header("x-meta-channel")).isEqualTo("API_V1");
            assertThat(r.header("x-meta-operator")).isEqualTo(operator);
            assertThat((String) r.header("x-meta-requestId")).matches("[0-9a-f]{32}");
            assertThat(((Number) r.header("x-sequence-number")).longValue()).isZero();
        }
        assertThat(r1.properties().getType()).isEqualTo("NumberRegisteredEvent");
        assertThat(r1.header("x-aggregate-id")).isEqualTo(x1);
        assertThat(r1.properties().getMessageId()).isEqualTo(eventId(x1, 0));
        assertThat(r2.properties().getMessageId()).isEqualTo(eventId(x2, 0));
        assertThat(ra.properties().getMessageId()).isEqualTo(eventId(user, 0));
        assertThat(Set.of(r1.properties().getMessageId(), r2.properties().getMessageId(), ra.properties().getMessageId())).hasSize(3);
        // both numbers were registered by one request: same request id
        assertThat(r1.header("x-meta-requestId")).isEqualTo(r2.header("x-meta-requestId"));

        JsonNode body = JSON.readTree(r1.body());
        assertThat(body.get("number").asString()).isEqualTo(x1);
        assertThat(body.get("platform").asString()).isEqualTo("ALIYUN");
        assertThat(body.get("poolId").asLong()).isEqualTo(17);
        assertThat(body.get("regionId").asLong()).isEqualTo(1);
        JsonNode agentBody = JSON.readTree(ra.body());
        assertThat(agentBody.get("userId").asString()).isEqualTo(user);
        // A is personal data: masked on the exchange (docs/messaging.md), in clear nowhere in the body
        assertThat(agentBody.get("phone").asString()).isEqualTo(phone.substring(0, 7) + "****");
        assertThat(ra.body()).doesNotContain(phone);
        assertThat(agentBody.get("name").asString()).isEqualTo("桥接");
        assertThat(ra.properties().getType()).isEqualTo("AgentProfileUpdatedEvent");
    }

    /** An agent's departed phone is personal data like the current one: neither leaves in clear. */
    @Test
    void cannotPublishAnAgentsCurrentOrDepartedPhoneInClear() throws Exception {
        String user = TestData.userId();
        String first = TestData.realNumber();
        String second = TestData.realNumber();
        for (String phone : List.of(first, second)) {
            HttpResponse<String> put = send("PUT", "/api/v1/agents/" + user, "op-" + user,
                    Http.toJson(Map.of("name", "离职", "phone", phone)));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }

        AmqpTestClient.Received changed = await().atMost(Duration.ofSeconds(15)).until(() -> events.stream()
                .filter(r -> user.equals(r.header("x-aggregate-id"))
                        && ((Number) r.header("x-sequence-number")).longValue() == 1)
                .findFirst().orElse(null), r -> r != null);
        assertThat(changed.routingKey()).isEqualTo("agents.AgentProfileUpdatedEvent");
        assertThat(changed.body()).doesNotContain(first).doesNotContain(second).doesNotContainPattern("(?<!\\d)1\\d{10}(?!\\d)");
        JsonNode body = JSON.readTree(changed.body());
        assertThat(body.get("phone").asString()).isEqualTo(second.substring(0, 7) + "****");
        assertThat(body.get("previousPhone").asString()).isEqualTo(first.substring(0, 7) + "****");
        assertThat(body.get("userId").asString()).isEqualTo(user);
        assertThat(changed.properties().getMessageId()).isEqualTo(eventId(user, 1));
    }

    @Test
    void aLegacyRouteGetsTheContractShapeFromTheSameProcessor() throws Exception {
        String user = TestData.userId();
        String queue = amqp.temporaryQueue(null, null);
        ConcurrentLinkedQueue<AmqpTestClient.Received> legacy = amqp.collect(queue);
        // test-only route: an agent update of this user becomes an MQ175-shaped message on a queue of the test
        LegacyMessageRoutes.Route route = routes.register("test-mq175", AgentProfileUpdatedEvent.class, "", queue,
                e -> e.userId().equals(user) ? new PhoneWriteLogMessage(Long.parseLong(user), 42L) : null);
        try {
            assertThat(http.method("PUT", "/api/v1/agents/" + user,
                    Http.toJson(Map.of("name", "路由", "phone", TestData.realNumber()))).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> !legacy.isEmpty());
            AmqpTestClient.Received r = legacy.peek();
            assertThat(r.body()).isEqualTo("{\"user\":" + user + ",\"houseid\":42}");
            assertThat(r.properties().getType()).isEqualTo("PhoneWriteLogMessage");
            assertThat(r.header("x-event-type")).isEqualTo("AgentProfileUpdatedEvent");
            assertThat(r.properties().getMessageId()).isEqualTo(eventId(user, 0));
            // the route is specific: other users' updates did not go there
            Thread.sleep(300);
            assertThat(legacy).hasSize(1);
        } finally {
            routes.remove(route);
        }
    }

    @Test
    void publisherHealthAndLagAreExposed() {
        Http.Response health = http.getRaw("/actuator/health/publisher");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        JsonNode details = health.json().get("details");
        assertThat(details.get("running").asBoolean()).isTrue();
        assertThat(details.has("lag")).isTrue();
        assertThat(details.has("position")).isTrue();
        assertThat(details.get("head").asLong()).isPositive();
        Http.Response gauge = http.getRaw("/actuator/metrics/pnhub.publisher.lag");
        assertThat(gauge.status()).as(gauge.body()).isEqualTo(200);
    }

    /**
     * Measures the publisher alone: with its processor stopped, a burst of registrations builds a backlog (the
     * lag shows in health); started again, the time to drain it is the publish rate (each message confirmed).
     */
    @Test
    void publishRateOfABacklog() throws Exception {
        int n = 300;
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String x = TestData.virtualNumber();
            numbers.add(x);
            items.add(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1));
        }
        StreamingEventProcessor processor = processing.eventProcessor(EventPublisher.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        long lagWhileStopped;
        try {
            assertThat(http.method("POST", "/api/v1/numbers", Http.toJson(items)).status()).isEqualTo(200);
            Http.Response stopped = http.getRaw("/actuator/health/publisher");
            assertThat(stopped.json().get("status").asString()).as(stopped.body()).isEqualTo("DOWN");
            lagWhileStopped = monitor.snapshot().head() - lastPosition;
        } finally {
            processor.start();
        }
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
                .filter(r -> numbers.contains(String.valueOf(r.header("x-aggregate-id")))).count() >= n);
        long millis = (System.nanoTime() - start) / 1_000_000;
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(0).equals(monitor.snapshot().lag()));
        System.out.printf("BRIDGE-MEASURE backlog of %d events (lag %d) drained in %d ms: %.0f events/s, lag back to 0%n",
                n, lagWhileStopped, millis, n * 1000.0 / Math.max(1, millis));
        assertThat(lagWhileStopped).isGreaterThanOrEqualTo(n);
    }

    private String eventId(String aggregate, long seq) {
        return jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class, aggregate, seq);
    }

    private AmqpTestClient.Received awaitEvent(String aggregateId, String routingKey) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> events.stream()
                .filter(r -> routingKey.equals(r.routingKey()) && aggregateId.equals(r.header("x-aggregate-id")))
                .findFirst().orElse(null), r -> r != null);
    }

    private HttpResponse<String> send(String method, String path, String operator, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestInfrastructure.get().token(operator, Role.OPERATOR))
                // the operator is the token's principal: a header naming someone else is not believed
                .header("X-Operator", "forged-" + operator)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
