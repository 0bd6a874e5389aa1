package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.security.Role;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dead-letter API (issue 16) against the real broker and database: a message the listener dead-lettered and one
 * put on the DLQ as an earlier build would have, listed (masked for an operator, readable for an auditor), re-driven
 * (and seen to take effect or to be dead-lettered again), discarded with a note, and read back from the record.
 * The DLQs are shared with whatever else uses the broker: the test finds its messages by their bodies and removes
 * what it left.
 */
@IntegrationTest
class DeadLetterApiIntegrationTest extends IntegrationTestProperties {

    private static final String MQ173 = BridgeTopology.MQ173_SET_BLACK_NUMBER;
    private static final String MQ108 = BridgeTopology.MQ108_PRIVATE_NUMBER_XNB;

    @LocalServerPort
    int port;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    BridgeMetrics metrics;

    Http admin;
    Http operator;
    Http auditingOperator;
    AmqpTestClient amqp;
    final List<String> leftBodies = new ArrayList<>();

    @BeforeEach
    void setUp() {
        publisher.declareTopology();
        admin = new Http(port);
        operator = Http.as(port, "op-alice", Role.OPERATOR);
        auditingOperator = Http.as(port, "op-audrey", Role.OPERATOR, Role.AUDITOR);
        amqp = new AmqpTestClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String q : List.of(MQ173, MQ108)) {
            for (String body : leftBodies) {
                while (amqp.take(BridgeTopology.dlq(q), r -> r.body().equals(body)).isPresent()) {
                    // removed
                }
            }
        }
        amqp.close();
    }

    @Test
    void canListRedriveAndDiscardDeadLettersAndReadWhatWasDone() throws Exception {
        // a B number is pushed to every pool of its platform: make sure platform 3 has one
        admin.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", TestData.virtualNumber(), "platform", 3, "poolId", 17, "regionId", 1))));
        double redrivenBefore = metrics.count("pnhub.bridge.dead_letters.redriven", MQ173);
        double discardedBefore = metrics.count("pnhub.bridge.dead_letters.discarded", MQ173);

        // 1. an invalid message (no userid), dead-lettered by a listener
        String badPhone = TestData.realNumber();
        String bad = "{\"platId\": 3, \"private_number\": \"" + badPhone + "\", \"action\": \"add\", \"type\": 0}";
        leftBodies.add(bad);
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, MQ173, UUID.randomUUID().toString(), bad);
        JsonNode badLetter = awaitListed(MQ173, bad);
        assertThat(badLetter.get("reason").asString()).isEqualTo("缺少参数[userid]");
        assertThat(badLetter.get("errorCode").asString()).isEqualTo("MISSING_PARAMETER");
        assertThat(badLetter.get("queue").asString()).isEqualTo(MQ173);
        assertThat(badLetter.get("deliveries").asInt()).isEqualTo(1);
        assertThat(badLetter.get("contentType").asString()).isEqualTo("application/json");
        assertThat(Instant.parse(badLetter.get("failedAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(badLetter.has("bodyEncoding")).isFalse();
        String badId = badLetter.get("id").asString();

        // 2. a valid message, dead-lettered by an earlier build (no x-dlq-id) after the provider was unavailable
        String goodPhone = TestData.realNumber();
        String good = "{\"platId\": 3, \"private_number\": \"" + goodPhone + "\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 1}";
        leftBodies.add(good);
        putOnDlq(MQ173, good, "gave up after 20 attempts: 服务商不可用", "PROVIDER_UNAVAILABLE");
        JsonNode goodLetter = awaitListed(MQ173, good);
        String goodId = goodLetter.get("id").asString();
        assertThat(goodId).matches("[0-9a-f]{32}");
        assertThat(goodLetter.get("deliveries").asInt()).isEqualTo(20);

        // listing leaves them where they were, in their order, with the same ids
        List<String> first = ids(auditingOperator, MQ173);
        List<String> second = ids(auditingOperator, MQ173);
        assertThat(second).containsSubsequence(badId, goodId);
        assertThat(second).isEqualTo(first);

        // an operator who is not an auditor sees the phone numbers of the body masked, nothing else changed
        JsonNode masked = byId(list(operator, MQ173), badId);
        assertThat(masked.get("body").asString()).doesNotContain(badPhone)
                .isEqualTo(bad.replace(badPhone, badPhone.substring(0, 7) + "****"));
        assertThat(masked.get("reason").asString()).isEqualTo("缺少参数[userid]");

        // 3. re-drive the valid one: it takes effect
        Http.Response redriven = operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/" + goodId + "/redrive", null);
        assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
        assertThat(redriven.json().get("id").asString()).isEqualTo(goodId);
        assertThat(redriven.json().get("queue").asString()).isEqualTo(MQ173);
        assertThat(redriven.json().get("action").asString()).isEqualTo("REDRIVEN");
        assertThat(redriven.json().get("actor").asString()).isEqualTo("op-alice");
        assertThat(Instant.parse(redriven.json().get("at").asString())).isBefore(Instant.now().plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.getRaw("/api/v1/blacklist?platform=3&number=" + goodPhone).json().size()).isEqualTo(1));
        assertThat(ids(auditingOperator, MQ173)).doesNotContain(goodId).contains(badId);
        assertThat(operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/" + goodId + "/redrive", null).status())
                .isEqualTo(404);

        // 4. re-drive the invalid one unchanged: consumed again, dead-lettered again under a new id, marked re-driven
        assertThat(operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/" + badId + "/redrive", null).status())
                .isEqualTo(200);
        JsonNode again = await().atMost(Duration.ofSeconds(20)).until(() -> findListed(MQ173, bad), Optional::isPresent)
                .orElseThrow();
        String againId = again.get("id").asString();
        assertThat(againId).isNotEqualTo(badId);
        AMQP.BasicProperties againProps = peekProperties(BridgeTopology.dlq(MQ173),
                p -> againId.equals(String.valueOf(p.getHeaders().get("x-dlq-id")))).orElseThrow();
        assertThat(againProps.getHeaders()).containsKey("x-redriven-at");

        // 5. discard it with a note
        Http.Response discarded = operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/" + againId + "/discard",
                "{\"note\": \"no userid: the sender fixes it (" + badPhone + ")\"}");
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(discarded.json().get("action").asString()).isEqualTo("DISCARDED");
        assertThat(discarded.json().get("note").asString()).startsWith("no userid").doesNotContain(badPhone);
        assertThat(ids(auditingOperator, MQ173)).doesNotContain(againId, badId, goodId);

        // 6. the record, newest first, without bodies
        Http.Response actions = operator.get("/api/v1/dead-letters/actions", Http.params("limit", "3"));
        assertThat(actions.status()).isEqualTo(200);
        JsonNode a = actions.json();
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.get(0).get("messageId").asString()).isEqualTo(againId);
        assertThat(a.get(0).get("action").asString()).isEqualTo("DISCARDED");
        assertThat(a.get(0).get("reason").asString()).isEqualTo("缺少参数[userid]");
        assertThat(a.get(1).get("messageId").asString()).isEqualTo(badId);
        assertThat(a.get(1).get("action").asString()).isEqualTo("REDRIVEN");
        assertThat(a.get(1).get("note").isNull()).isTrue();
        assertThat(a.get(2).get("messageId").asString()).isEqualTo(goodId);
        assertThat(a.get(2).get("reason").asString()).isEqualTo("gave up after 20 attempts: 服务商不可用");
        for (JsonNode action : a) {
            assertThat(action.get("queue").asString()).isEqualTo(MQ173);
            assertThat(action.get("actor").asString()).isEqualTo("op-alice");
            assertThat(Instant.parse(action.get("at").asString())).isNotNull();
        }
        // the auditor reads the note as written; an operator masked
        assertThat(auditingOperator.get("/api/v1/dead-letters/actions", Http.params("limit", "1")).json().get(0)
                .get("note").asString()).contains(badPhone);
        assertThat(a.get(0).get("note").asString()).doesNotContain(badPhone);

        assertThat(metrics.count("pnhub.bridge.dead_letters.redriven", MQ173)).isEqualTo(redrivenBefore + 2);
        assertThat(metrics.count("pnhub.bridge.dead_letters.discarded", MQ173)).isEqualTo(discardedBefore + 1);
    }

    @Test
    void canRedriveEveryDeadLetterOfAQueueAtOnce() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = "{\"platId\": \"three\", \"telA\": \"" + TestData.realNumber() + "\", \"run\": " + i + "}";
            bodies.add(body);
            leftBodies.add(body);
            putOnDlq(MQ108, body, "参数[platId]无效", "INVALID_PARAMETER");
        }
        for (String body : bodies) {
            awaitListed(MQ108, body);
        }
        Http.Response all = operator.method("POST", "/api/v1/dead-letters/" + MQ108 + "/redrive", null);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("queue").asString()).isEqualTo(MQ108);
        assertThat(all.json().get("redriven").asInt()).isGreaterThanOrEqualTo(3);
        // consumed again and dead-lettered again by the listener, now with an id of its own
        for (String body : bodies) {
            JsonNode again = await().atMost(Duration.ofSeconds(20))
                    .until(() -> findListed(MQ108, body).filter(l -> l.get("id").asString().contains("-")), Optional::isPresent)
                    .orElseThrow();
            assertThat(again.get("reason").asString()).startsWith("参数[platId]无效");
        }
        JsonNode actions = operator.get("/api/v1/dead-letters/actions", Http.params("limit", "500")).json();
        long recorded = 0;
        for (JsonNode action : actions) {
            if (action.get("queue").asString().equals(MQ108) && action.get("action").asString().equals("REDRIVEN")) {
                recorded++;
            }
        }
        assertThat(recorded).isEqualTo(all.json().get("redriven").asLong());
    }

    @Test
    void canSeeTheDeadLettersPerQueueAndThePublishersLag() throws Exception {
        String body = "{\"platId\": 3, \"telA\": \"" + TestData.realNumber() + "\"}";
        leftBodies.add(body);
        putOnDlq(MQ108, body, "缺少参数[telX]", "MISSING_PARAMETER");
        Http.Response r = operator.get("/api/v1/messaging", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode queues = r.json().get("queues");
        assertThat(queues.size()).isEqualTo(3);
        assertThat(queues.get(0).get("queue").asString()).isEqualTo(MQ173);
        assertThat(queues.get(0).get("deadLetterQueue").asString()).isEqualTo(MQ173 + ".dlq");
        assertThat(queues.get(1).get("queue").asString()).isEqualTo(BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL);
        assertThat(queues.get(2).get("queue").asString()).isEqualTo(MQ108);
        assertThat(queues.get(2).get("deadLetters").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode p = r.json().get("publisher");
        assertThat(p.get("running").asBoolean()).isTrue();
        assertThat(p.get("errorState").asBoolean()).isFalse();
        assertThat(p.get("head").asLong()).isGreaterThanOrEqualTo(p.get("position").asLong());
        assertThat(p.get("lag").asLong()).isEqualTo(Math.max(0, p.get("head").asLong() - p.get("position").asLong()));
        assertThat(p.has("error")).isTrue();
    }

    @Test
    void aBodyThatIsNotTextComesAsBase64WithItsPhoneNumbersMaskedForAnOperator() throws Exception {
        String phone = TestData.realNumber();
        byte[] body = ("{\"telA\": \"" + phone + "\", \"name\": \"\u0000").getBytes(StandardCharsets.US_ASCII);
        byte[] notUtf8 = new byte[body.length + 2];
        System.arraycopy(body, 0, notUtf8, 0, body.length);
        notUtf8[body.length] = (byte) 0xC3;   // a lead byte without its continuation
        notUtf8[body.length + 1] = (byte) '"';
        String asBase64 = Base64.getEncoder().encodeToString(notUtf8);
        putOnDlq(MQ108, notUtf8, "参数[body]无效: 不是有效的JSON(第1行第30列)", "INVALID_PARAMETER");
        try {
            JsonNode readable = await().atMost(Duration.ofSeconds(10))
                    .until(() -> list(auditingOperator, MQ108).stream().filter(l -> l.get("body").asString().equals(asBase64))
                            .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(readable.get("bodyEncoding").asString()).isEqualTo("base64");
            JsonNode masked = byId(list(operator, MQ108), readable.get("id").asString());
            assertThat(masked.get("bodyEncoding").asString()).isEqualTo("base64");
            String decoded = new String(Base64.getDecoder().decode(masked.get("body").asString()), StandardCharsets.ISO_8859_1);
            assertThat(decoded).doesNotContain(phone).contains(phone.substring(0, 7) + "****");
            assertThat(decoded.charAt(decoded.length() - 2)).isEqualTo((char) 0xC3);
        } finally {
            amqp.take(BridgeTopology.dlq(MQ108), r -> r.properties().getHeaders() != null
                    && "test".equals(String.valueOf(r.properties().getHeaders().get("x-it-marker")))
                    && r.body().contains(phone));
        }
    }

    @Test
    void cannotUseAnUnknownQueueOrIdOrAnOutOfRangeLimitOrNote() {
        assertProblem(operator.get("/api/v1/dead-letters/no_such_queue", Map.of()), 404, "no_such_queue");
        assertProblem(operator.method("POST", "/api/v1/dead-letters/no_such_queue/redrive", null), 404, "no_such_queue");
        assertProblem(operator.method("POST", "/api/v1/dead-letters/no_such_queue/x/redrive", null), 404, "no_such_queue");
        assertProblem(operator.method("POST", "/api/v1/dead-letters/no_such_queue/x/discard", "{\"note\": \"n\"}"), 404,
                "no_such_queue");
        // the queue's own name is not its DLQ's
        assertProblem(operator.get("/api/v1/dead-letters/" + MQ173 + ".dlq", Map.of()), 404, MQ173);
        assertProblem(operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/no-such-id/redrive", null), 404, "no-such-id");
        assertProblem(operator.method("POST", "/api/v1/dead-letters/" + MQ173 + "/no-such-id/discard", "{\"note\": \"n\"}"),
                404, "no-such-id");
        for (String limit : List.of("0", "501", "-1", "ten")) {
            assertProblem(operator.get("/api/v1/dead-letters/" + MQ173, Http.params("limit", limit)), 400, "limit");
        }
        assertProblem(operator.get("/api/v1/dead-letters/actions", Http.params("limit", "0")), 400, "limit");
        String discard = "/api/v1/dead-letters/" + MQ173 + "/no-such-id/discard";
        assertProblem(operator.method("POST", discard, null), 400, "note");
        assertProblem(operator.method("POST", discard, "{}"), 400, "note");
        assertProblem(operator.method("POST", discard, "{\"note\": \"   \"}"), 400, "note");
        assertProblem(operator.method("POST", discard, "{\"note\": \"" + "x".repeat(501) + "\"}"), 400, "501");
        assertThat(operator.method("POST", discard, "{\"note\": \"" + "x".repeat(500) + "\"}").status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/dead-letters/" + MQ173, Http.params("limit", "500")).status()).isEqualTo(200);
    }

    @Test
    void cannotSeeOrTouchDeadLettersAsAViewerOrAnAuditor() {
        for (Http refused : List.of(Http.as(port, "viewer", Role.VIEWER), Http.as(port, "auditor", Role.AUDITOR))) {
            assertThat(refused.get("/api/v1/messaging", Map.of()).status()).isEqualTo(403);
            assertThat(refused.get("/api/v1/dead-letters/" + MQ173, Map.of()).status()).isEqualTo(403);
            assertThat(refused.get("/api/v1/dead-letters/actions", Map.of()).status()).isEqualTo(403);
            assertThat(refused.method("POST", "/api/v1/dead-letters/" + MQ173 + "/redrive", null).status()).isEqualTo(403);
            assertThat(refused.method("POST", "/api/v1/dead-letters/" + MQ173 + "/x/redrive", null).status()).isEqualTo(403);
            assertThat(refused.method("POST", "/api/v1/dead-letters/" + MQ173 + "/x/discard", "{\"note\": \"n\"}").status())
                    .isEqualTo(403);
        }
    }

    private static void assertProblem(Http.Response r, int status, String named) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asString()).as(r.body()).contains(named);
    }

    /** As DeadLetterPublisher of a build before x-dlq-id wrote it. */
    private void putOnDlq(String queue, String body, String reason, String code) throws Exception {
        putOnDlq(queue, body.getBytes(StandardCharsets.UTF_8), reason, code);
    }

    private void putOnDlq(String queue, byte[] body, String reason, String code) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("x-dlq-reason", reason);
        headers.put("x-dlq-error-code", code);
        headers.put("x-dlq-queue", queue);
        headers.put("x-dlq-failed-at", Instant.now().toString());
        headers.put("x-dlq-deliveries", code.equals("PROVIDER_UNAVAILABLE") ? 20 : 1);
        headers.put("x-it-marker", "test");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(UUID.randomUUID().toString())
                .contentType("application/json").deliveryMode(2).headers(headers).build();
        amqp.publish("", BridgeTopology.dlq(queue), props, body);
    }

    private List<JsonNode> list(Http as, String queue) {
        Http.Response r = as.get("/api/v1/dead-letters/" + queue, Http.params("limit", "500"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        r.json().forEach(all::add);
        return all;
    }

    private List<String> ids(Http as, String queue) {
        return list(as, queue).stream().map(l -> l.get("id").asString()).toList();
    }

    private static JsonNode byId(List<JsonNode> letters, String id) {
        return letters.stream().filter(l -> l.get("id").asString().equals(id)).findFirst().orElseThrow();
    }

    private Optional<JsonNode> findListed(String queue, String body) {
        return list(auditingOperator, queue).stream().filter(l -> l.get("body").asString().equals(body)).findFirst();
    }

    private JsonNode awaitListed(String queue, String body) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> findListed(queue, body), Optional::isPresent).orElseThrow();
    }

    /** The properties of a message in {@code queue}, left there: everything fetched goes back when the channel closes. */
    private Optional<AMQP.BasicProperties> peekProperties(String queue, Predicate<AMQP.BasicProperties> match) throws Exception {
        Channel c = amqp.channel().getConnection().createChannel();
        try {
            GetResponse r;
            while ((r = c.basicGet(queue, false)) != null) {
                if (r.getProps().getHeaders() != null && match.test(r.getProps())) {
                    return Optional.of(r.getProps());
                }
            }
            return Optional.empty();
        } finally {
            c.close();
        }
    }
}
