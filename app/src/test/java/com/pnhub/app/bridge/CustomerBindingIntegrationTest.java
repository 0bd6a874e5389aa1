package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.TestWorld;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer (XB) bindings over the real legacy API, RabbitMQ and the provider simulator: GetCallNumber binds
 * A-X-B at the provider, the expiry goes out as MQ108 and ends the binding there; call records pushed in
 * Aliyun's format are recorded once per call and published once as MQ175, also when they arrive late.
 */
@IntegrationTest
class CustomerBindingIntegrationTest extends IntegrationTestProperties {

    static final DateTimeFormatter PNP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    static final long HOUSE = 880011L;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    AmqpTestClient amqp;
    ProviderSimulator sim;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        amqp = new AmqpTestClient();
        sim = simulators.of(Platform.ALIYUN);
    }

    @AfterEach
    void tearDown() {
        sim.setCallReportReceiver(null);
        amqp.close();
    }

    @Test
    void aCustomerBindingLivesAsLongAsAskedThenEndsThroughMq108AtTheProvider() throws Exception {
        ConcurrentLinkedQueue<AmqpTestClient.Received> mq108 = amqp.collect(
                amqp.temporaryQueue(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ108_PRIVATE_NUMBER_XNB));
        String phoneA = TestData.realNumber();
        String user = TestWorld.agent(http, phoneA);
        String x = TestWorld.boundNumber(http, user);
        String b = TestData.realNumber();

        Instant asked = Instant.now();
        JsonNode first = getCallNumber(user, b, "3");
        assertThat(first.get("ResultCode").asInt()).as(first.toString()).isEqualTo(2000);
        JsonNode row = first.get("DataBody").get(0);
        assertThat(row.get("phone").asString()).isEqualTo(x);
        long callbackId = row.get("callbackId").asLong();
        assertThat(callbackId).isPositive();
        Subscription axb = sim.subscriptions().stream()
                .filter(s -> s.type() == Subscription.Type.AXB && s.x().equals(x) && s.b().equals(b))
                .findFirst().orElseThrow();
        assertThat(axb.a()).isEqualTo(phoneA);

        // the same agent and customer again while it lives: the same X and id, no second provider binding
        JsonNode again = getCallNumber(user, b, "4");
        assertThat(again.get("ResultCode").asInt()).as(again.toString()).isEqualTo(2000);
        assertThat(again.get("DataBody").get(0).get("callbackId").asLong()).isEqualTo(callbackId);
        assertThat(sim.subscriptions().stream().filter(s -> s.x().equals(x) && b.equals(s.b()))).hasSize(1);
        // the projection shows the extended expiry once it caught up
        await().atMost(Duration.ofSeconds(5)).until(() -> expiry(x) != null
                && Duration.between(asked, expiry(x)).compareTo(Duration.ofSeconds(4)) >= 0);
        Instant expiresAt = expiry(x);
        assertThat(Duration.between(asked, expiresAt)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));

        await().atMost(Duration.ofSeconds(20)).until(() -> mq108.stream().anyMatch(m -> m.body().contains(axb.subsId())));
        AmqpTestClient.Received message = mq108.stream().filter(m -> m.body().contains(axb.subsId())).findFirst().orElseThrow();
        // A and B masked, as the contract's example shows them (issue 10)
        assertThat(message.body()).isEqualTo("{\"platId\":3,\"telA\":\"" + phoneA.substring(0, 7) + "****\",\"telX\":\"" + x
                + "\",\"telB\":\"" + b.substring(0, 7) + "****\",\"subId\":\"" + axb.subsId() + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.subscription(axb.subsId()).isEmpty()
                && count(x, "XbUnboundEvent") == 1);
        Instant expiredAt = eventTime(x, "XbBindingExpiredEvent");
        Instant endedAt = eventTime(x, "XbUnboundEvent");
        System.out.printf("XB binding: expired %d ms after its expiry, ended at the provider %d ms after it%n",
                Duration.between(expiresAt, expiredAt).toMillis(), Duration.between(expiresAt, endedAt).toMillis());
        assertThat(expiredAt).isBetween(expiresAt, expiresAt.plusSeconds(1));
        assertThat(count(x, "XbBindingExpiredEvent")).isEqualTo(1);

        // now the pair can be bound again, and the holder at a past instant names the ended binding
        JsonNode holder = http.getRaw("/api/v1/numbers/" + x + "/holder?at=" + expiresAt.minusSeconds(1)).json();
        assertThat(holder.get("holder").get("userId").asString()).isEqualTo(user);
        assertThat(holder.get("clientBindings").size()).isEqualTo(1);
        assertThat(holder.get("clientBindings").get(0).get("phoneB").asString()).isEqualTo(b);
        assertThat(holder.get("clientBindings").get(0).get("context").get("mapId").asLong()).isEqualTo(HOUSE);
        JsonNode state = http.getRaw("/api/v1/numbers/" + x + "/state?at=" + expiresAt.minusSeconds(1)).json();
        assertThat(state.get("clientBindings").get(0).get("status").asString()).isEqualTo("LIVE");
        assertThat(http.getRaw("/api/v1/numbers/" + x + "/state?at=" + endedAt.plusSeconds(1)).json()
                .get("clientBindings").size()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.getRaw("/api/v1/numbers/" + x
                + "/holder?at=" + endedAt.plusSeconds(1)).json().get("clientBindings").size()).isZero());
    }

    @Test
    void failuresAnswerTheCustomersMobile() {
        String user = TestWorld.agent(http, TestData.realNumber());
        String b = TestData.realNumber();
        JsonNode noNumber = getCallNumber(user, b, "120");
        assertThat(noNumber.get("ResultCode").asInt()).isEqualTo(5000);
        assertThat(noNumber.get("ResultMsg").asString()).contains(user);
        assertThat(noNumber.get("DataBody").get(0).asString()).isEqualTo(b);

        TestWorld.boundNumber(http, user);
        Http.Response blacklisted = http.method("POST", Http.HUB + "SetBlackNumber", "{\"platId\":3,\"private_number\":\"" + b
                + "\",\"action\":\"add\",\"userid\":\"74705\",\"type\":0}");
        assertThat(blacklisted.body()).contains("\"ResultCode\":2000");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode refused = getCallNumber(user, b, "120");
            assertThat(refused.get("ResultCode").asInt()).isEqualTo(5000);
            assertThat(refused.get("ResultMsg").asString()).contains("黑名单");
            assertThat(refused.get("DataBody").get(0).asString()).isEqualTo(b);
        });
        JsonNode invalid = http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", "1",
                "Mobile", "17000000000");
        assertThat(invalid.get("ResultCode").asInt()).isEqualTo(5000);
        assertThat(invalid.get("ResultMsg").asString()).contains("Mobile");
        assertThat(invalid.get("DataBody").get(0).asString()).isEqualTo("17000000000");
    }

    @Test
    void eachCallIsRecordedOnceAndPublishedOnceAsMq175EvenWhenPushedTwiceOrLate() throws Exception {
        ConcurrentLinkedQueue<AmqpTestClient.Received> mq175 = amqp.collect(
                amqp.temporaryQueue(BridgeTopology.HOUSE_EXCHANGE, BridgeTopology.MQ175_GET_PHONE_WRITE_LOG));
        ConcurrentLinkedQueue<AmqpTestClient.Received> events = amqp.collect(
                amqp.temporaryQueue(BridgeTopology.EVENTS_EXCHANGE, "numbers.#"));
        String phoneA = TestData.realNumber();
        String user = TestWorld.agent(http, phoneA);
        String x = TestWorld.boundNumber(http, user);
        String b = TestData.realNumber();
        JsonNode bound = getCallNumber(user, b, "120");
        assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
        sim.setCallReportReceiver("http://127.0.0.1:" + port + TestInfrastructure.get().callbackPath());

        // the customer calls back through X (an XB call), and someone else calls X (the agent's own binding)
        Map<String, Object> xbCall = sim.placeCall(b, x, 42);
        Map<String, Object> axCall = sim.placeCall(TestData.realNumber(), x, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(x, "CallRecordedEvent") == 2);

        // Aliyun may push a batch again: nothing new
        Http.Response again = http.method("POST", TestInfrastructure.get().callbackPath(), Http.toJson(List.of(xbCall, axCall)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("code").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> mq175.size() == 1);
        assertThat(mq175.peek().body()).isEqualTo("{\"user\":" + user + ",\"houseid\":" + HOUSE + "}");

        // on pnhub.events A and B are masked, also inside the call's record and attribution (docs/messaging.md)
        JsonNode xbBound = published(events, "numbers.XbBoundEvent", x);
        assertThat(xbBound.get("phoneA").asString()).isEqualTo(masked(phoneA));
        assertThat(xbBound.get("phoneB").asString()).isEqualTo(masked(b));
        assertThat(xbBound.get("context").get("mapId").asLong()).isEqualTo(HOUSE);
        JsonNode xbRecorded = await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .filter(r -> r.routingKey().equals("numbers.CallRecordedEvent") && r.body().contains("\"" + x + "\""))
                .map(r -> JSON.readTree(r.body())).filter(n -> CallAttribution.XB.equals(n.get("attribution").get("source").asString()))
                .findFirst().orElse(null), n -> n != null);
        assertThat(xbRecorded.get("record").get("phoneA").asString()).isEqualTo(masked(phoneA));
        assertThat(xbRecorded.get("record").get("phoneB").asString()).isEqualTo(masked(b));
        assertThat(xbRecorded.get("attribution").get("phoneA").asString()).isEqualTo(masked(phoneA));
        assertThat(xbRecorded.get("attribution").get("userId").asString()).isEqualTo(user);
        for (AmqpTestClient.Received r : events) {
            if (r.body().contains("\"" + x + "\"")) {
                assertThat(r.body()).as(r.routingKey()).doesNotContain(phoneA).doesNotContain(b);
            }
        }
        JsonNode history = http.getRaw("/api/v1/numbers/" + x + "/history?page=0&size=50").json();
        assertThat(history.toString()).contains("CallRecordedEvent");

        // a record that arrives after the binding ended is still the agent's and the house's
        String subsId = String.valueOf(xbCall.get("sub_id"));
        jdbc.update("UPDATE xb_interval SET valid_to = now() WHERE subs_id = ?", subsId);
        Map<String, Object> late = new LinkedHashMap<>(xbCall);
        late.put("call_id", "late-" + xbCall.get("call_id"));
        Http.Response lateAnswer = http.method("POST", TestInfrastructure.get().callbackPath(), Http.toJson(List.of(late)));
        assertThat(lateAnswer.json().get("recorded").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mq175.size() == 2);
        assertThat(new ArrayList<>(mq175).get(1).body()).isEqualTo("{\"user\":" + user + ",\"houseid\":" + HOUSE + "}");

        // garbage is kept, not lost, and answered so that the provider does not push it forever
        Map<String, Object> broken = new LinkedHashMap<>(xbCall);
        broken.put("call_id", "broken-1");
        broken.put("call_time", "yesterday");
        Http.Response kept = http.method("POST", TestInfrastructure.get().callbackPath(), Http.toJson(List.of(broken)));
        assertThat(kept.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM call_record_rejected WHERE call_id = 'broken-1'", Integer.class))
                .isEqualTo(1);
        assertThat(http.method("POST", TestInfrastructure.get().callbackPath(), "{\"not\":\"an array\"}").status()).isEqualTo(400);
    }

    /** The body of the first message with that routing key whose {@code number} is X. */
    private static JsonNode published(ConcurrentLinkedQueue<AmqpTestClient.Received> events, String routingKey, String x) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .filter(r -> r.routingKey().equals(routingKey)).map(r -> JSON.readTree(r.body()))
                .filter(n -> x.equals(n.path("number").asString(null))).findFirst().orElse(null), n -> n != null);
    }

    private static String masked(String phone) {
        return phone.substring(0, 7) + "****";
    }

    private JsonNode getCallNumber(String user, String b, String expiration) {
        return http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", String.valueOf(HOUSE),
                "Contactmapclassid", "0", "Contactid", "0", "Mobile", b, "expiration", expiration);
    }

    private Instant expiry(String x) {
        java.sql.Timestamp t = jdbc.queryForObject("SELECT max(expires_at) FROM xb_interval WHERE number = ?",
                java.sql.Timestamp.class, x);
        return t == null ? null : t.toInstant();
    }

    /** Events of that type in X's stream or in the streams of X's calls. */
    private int count(String x, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE (aggregate_identifier = ? "
                + "OR aggregate_identifier IN (SELECT call_key FROM call_number_index WHERE number = ?)) AND payload_type LIKE ?",
                Integer.class, x, x, "%" + type);
    }

    private Instant eventTime(String x, String type) {
        String ts = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ? ORDER BY sequence_number LIMIT 1", String.class, x, "%" + type);
        return Instant.parse(ts);
    }
}
