package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.bridge.AmqpTestClient;
import com.pnhub.app.fault.BadInputCorpus.HttpCase;
import com.pnhub.app.fault.BadInputCorpus.QueueCase;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.bridge.BridgeListeners;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus ({@link BadInputCorpus}) against the running service: every malformed legacy request is
 * answered HTTP 200 with a 5000 envelope whose ResultMsg names the problem and gives nothing internal away, every
 * malformed queue message ends in {@code <queue>.dlq} with a reason, and afterwards the service is healthy and its
 * data (read models, Redis hash, event store) is what it was.
 */
@IntegrationTest
class BadInputIntegrationTest extends IntegrationTestProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ENVELOPE_FIELDS = List.of("RequestId", "ResultCode", "ResultMsg", "DebugMsg",
            "IsEncrypt", "DataCount", "PageSize", "PageIndex", "DataBody", "EncDataBody");
    /** What an answer must never show: stack traces, framework and class names, SQL, file paths. */
    private static final Pattern INTERNAL_DETAIL = Pattern.compile(
            "Exception|\\bat com\\.|org\\.springframework|SQL|java\\.|jakarta\\.|tools\\.jackson|com\\.pnhub|\\.java\\b"
                    + "|Caused by|/work/|/tmp/|/usr/|\\bat [a-z]+\\.[a-z]+\\.|\\b[a-z]+\\.[a-z]+\\.[a-z.]*[A-Z][A-Za-z]+(Exception|Error)\\b");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    BridgeListeners listeners;

    @Test
    void everyMalformedLegacyRequestIsAnswered5000NamingTheProblemAndChangesNothing() throws Exception {
        List<HttpCase> cases = BadInputCorpus.httpCases();
        DataSnapshot before = DataSnapshot.settled(jdbc, redis, redisKey(), 15);
        RawHttp http = new RawHttp(port);
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (HttpCase c : cases) {
            String problem;
            try {
                problem = check(c, http.send(c.method(), c.target(), c.contentType(), c.body()));
            } catch (Exception e) {
                problem = "no usable answer: " + e;
            }
            if (problem != null) {
                failures.add(c.id() + " [" + c.category() + ", " + c.note() + "]: " + problem);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("BAD-INPUT http: %d cases in %d ms, by category %s, %d failing%n", cases.size(), millis,
                BadInputCorpus.countByCategory(cases.stream().map(HttpCase::category).toList()), failures.size());
        assertThat(failures).as("malformed legacy requests answered wrongly").isEmpty();
        assertHealthyAndUnchanged(before);
    }

    @Test
    void everyMalformedQueueMessageIsDeadLetteredWithAReasonAndChangesNothing() throws Exception {
        List<QueueCase> cases = BadInputCorpus.queueCases();
        publisher.declareTopology();
        DataSnapshot before = DataSnapshot.settled(jdbc, redis, redisKey(), 15);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            long started = System.nanoTime();
            Map<QueueCase, String> failures = publishAndCollect(amqp, cases, run + "-0");
            long millis = (System.nanoTime() - started) / 1_000_000;
            // On a shared broker another service instance (another test JVM, maybe of other code) may take a
            // message: only then is a failing case sent again, to reach this instance's listeners.
            int retried = 0;
            for (int round = 1; round <= 4 && !failures.isEmpty() && foreignConsumers(amqp); round++) {
                retried += failures.size();
                failures = publishAndCollect(amqp, List.copyOf(failures.keySet()), run + "-" + round);
            }
            System.out.printf("BAD-INPUT queue: %d messages, dead-lettered in %d ms, by category %s, %d sent again "
                            + "(another consumer on the queues), %d failing%n", cases.size(), millis,
                    BadInputCorpus.countByCategory(cases.stream().map(QueueCase::category).toList()), retried, failures.size());
            assertThat(failures.entrySet().stream().map(e -> e.getKey().id() + " [" + e.getKey().category() + ", "
                    + e.getKey().note() + "]: " + e.getValue()).toList()).as("malformed queue messages handled wrongly").isEmpty();
        }
        assertHealthyAndUnchanged(before);
    }

    /** Publishes the cases and waits for their dead letters; returns each failing case with what is wrong. */
    private Map<QueueCase, String> publishAndCollect(AmqpTestClient amqp, List<QueueCase> cases, String run) throws Exception {
        Map<String, QueueCase> byMessageId = new LinkedHashMap<>();
        for (QueueCase c : cases) {
            String messageId = "bad-input-" + run + "-" + c.id();
            byMessageId.put(messageId, c);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId)
                    .contentType(c.contentType()).deliveryMode(2).build();
            String exchange = c.queue().startsWith("house_") ? BridgeTopology.HOUSE_EXCHANGE : BridgeTopology.SERVICE_EXCHANGE;
            amqp.publish(exchange, c.queue(), props, c.body());
        }
        Map<String, GetResponse> dead = new HashMap<>();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                collectDeadLetters(amqp.channel().getConnection().createChannel(), byMessageId, dead);
                return dead.size() == byMessageId.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported case by case below
        }
        Map<QueueCase, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, QueueCase> e : byMessageId.entrySet()) {
            QueueCase c = e.getValue();
            GetResponse r = dead.get(e.getKey());
            String problem = r == null ? "not in " + BridgeTopology.dlq(c.queue()) + " (consumed, or still retried)" : checkDeadLetter(c, r);
            if (problem != null) {
                failures.put(c, problem);
            }
        }
        return failures;
    }

    /** Whether a legacy queue has consumers besides this instance's listeners. */
    private boolean foreignConsumers(AmqpTestClient amqp) throws Exception {
        for (Map.Entry<String, SimpleMessageListenerContainer> e : listeners.all().entrySet()) {
            if (amqp.channel().consumerCount(e.getKey()) > e.getValue().getActiveConsumerCount()) {
                return true;
            }
        }
        return false;
    }

    /** Null when the answer is what the contract wants, else what is wrong with it. */
    private static String check(HttpCase c, RawHttp.Answer a) {
        String leak = leak(a.body());
        if (leak != null) {
            return "internal detail in the answer (" + leak + "): " + abbreviate(a.body());
        }
        for (Map.Entry<String, String> h : a.headers().entrySet()) {
            if (h.getKey().startsWith("x-injected") || h.getKey().equals("set-cookie") || h.getValue().contains("X-Injected")) {
                return "injected header " + h.getKey() + ": " + h.getValue();
            }
        }
        if (a.status() == 400 && c.expect().allowsConnectorRejection()) {
            return null;
        }
        if (a.status() != 200) {
            return "HTTP " + a.status() + ": " + abbreviate(a.body());
        }
        String contentType = a.header("content-type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return "content type " + contentType + ": " + abbreviate(a.body());
        }
        JsonNode json;
        try {
            json = JSON.readTree(a.body());
        } catch (Exception e) {
            return "not JSON: " + abbreviate(a.body());
        }
        if (json == null || !json.isObject() || !new ArrayList<>(json.propertyNames()).equals(ENVELOPE_FIELDS)) {
            return "not the legacy envelope: " + abbreviate(a.body());
        }
        if (json.get("ResultCode").asInt() != 5000) {
            return "ResultCode " + json.get("ResultCode") + ": " + abbreviate(a.body());
        }
        if (!json.get("RequestId").asString().matches("[0-9a-f]{32}")) {
            return "RequestId " + json.get("RequestId");
        }
        if (!json.get("DataBody").isArray() || json.get("DataCount").asInt() != json.get("DataBody").size()) {
            return "DataBody/DataCount: " + abbreviate(a.body());
        }
        String message = json.get("ResultMsg").asString();
        if (message.startsWith("内部错误[请求失败")) {
            return "an internal error instead of the problem: " + message;
        }
        if (!c.expect().matches(message)) {
            return "ResultMsg '" + abbreviate(message) + "' does not name the problem (expected " + c.expect() + ")";
        }
        return null;
    }

    private static String checkDeadLetter(QueueCase c, GetResponse r) {
        Map<String, Object> headers = r.getProps().getHeaders();
        Object reason = headers == null ? null : headers.get("x-dlq-reason");
        String text = reason == null ? null : reason.toString();
        if (text == null || text.isBlank()) {
            return "dead-lettered without x-dlq-reason";
        }
        if (text.startsWith("gave up after")) {
            return "retried as a transient failure before it was dead-lettered: " + text;
        }
        if (!c.expect().matches(text)) {
            return "x-dlq-reason '" + abbreviate(text) + "' does not name the problem (expected " + c.expect() + ")";
        }
        return null;
    }

    /** Takes the test's messages out of the three dead-letter queues; others go back when the channel closes. */
    private static void collectDeadLetters(Channel channel, Map<String, QueueCase> ours, Map<String, GetResponse> dead)
            throws Exception {
        try {
            for (String queue : List.of(BridgeTopology.MQ173_SET_BLACK_NUMBER, BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL,
                    BridgeTopology.MQ108_PRIVATE_NUMBER_XNB)) {
                GetResponse r;
                while ((r = channel.basicGet(BridgeTopology.dlq(queue), false)) != null) {
                    String id = r.getProps().getMessageId();
                    if (id != null && ours.containsKey(id)) {
                        channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
                        dead.put(id, r);
                    }
                }
            }
        } finally {
            channel.close();
        }
    }

    private void assertHealthyAndUnchanged(DataSnapshot before) throws Exception {
        RawHttp http = new RawHttp(port);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            RawHttp.Answer health = http.send("GET", "/actuator/health", null, null);
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        });
        Thread.sleep(1_000);   // let the asynchronous projections see whatever a case might have written
        List<String> diff = DataSnapshot.take(jdbc, redis, redisKey()).differencesFrom(before, jdbc);
        assertThat(diff).as("data changed by bad input").isEmpty();
    }

    private static String leak(String body) {
        var m = INTERNAL_DETAIL.matcher(body == null ? "" : body);
        return m.find() ? m.group() : null;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static String redisKey() {
        return TestInfrastructure.get().redisKey();
    }
}
