package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.bridge.BridgeListeners;
import com.pnhub.bridge.BridgeProperties;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.config.BridgeConfiguration;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.inbound.DeadLetterPublisher;
import com.pnhub.bridge.inbound.InboundHandler;
import com.pnhub.bridge.inbound.MessageFields;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.pnhub.command.gateway.RequestContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The consuming side: messages put on the legacy queues by a plain AMQP client, and the same JSON pushed over
 * HTTP. Poison messages end in {@code <queue>.dlq} with the reason; the listener mechanics (no ack before the
 * effect, redelivery after a consumer stops mid-flight, giving up after N deliveries) are checked with the
 * production listener on a queue of the test's own, so they do not depend on the operations behind the queues.
 */
@IntegrationTest
class BridgeConsumingIntegrationTest extends IntegrationTestProperties {

    private static final String MQ173 = BridgeTopology.MQ173_SET_BLACK_NUMBER;

    @LocalServerPort
    int port;
    @Autowired
    BridgeListeners listeners;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    DeadLetterPublisher deadLetters;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    BridgeMetrics metrics;

    Http http;
    AmqpTestClient amqp;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        publisher.declareTopology();
        amqp = new AmqpTestClient();
    }

    @AfterEach
    void tearDown() {
        listeners.all().values().forEach(SimpleMessageListenerContainer::start);
        amqp.close();
    }

    @Test
    void aMessageMissingAFieldLandsInTheDlqWithTheReason() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String body = "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"add\", \"type\": 0}";
        double before = metrics.count("pnhub.bridge.dead_lettered", MQ173, "amqp");
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, MQ173, id, body);

        AmqpTestClient.Received dead = awaitDeadLetter(MQ173, id);
        assertThat(dead.body()).isEqualTo(body);
        assertThat(dead.header("x-dlq-reason")).isEqualTo("缺少参数[userid]");
        assertThat(dead.header("x-dlq-error-code")).isEqualTo("MISSING_PARAMETER");
        assertThat(dead.header("x-dlq-queue")).isEqualTo(MQ173);
        assertThat((String) dead.header("x-dlq-failed-at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(dead.properties().getMessageId()).isEqualTo(id);
        assertThat(dead.properties().getContentType()).isEqualTo("application/json");
        // consumed by this JVM's listener, unless another instance on the same broker took it first
        assertThat(metrics.count("pnhub.bridge.dead_lettered", MQ173, "amqp")).isGreaterThanOrEqualTo(before);
    }

    @Test
    void invalidJsonAndWrongTypesAreDeadLetteredNamingTheProblem() throws Exception {
        String id1 = UUID.randomUUID().toString();
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, MQ173, id1, "{\"platId\": 3, \"private_number\": ");
        String id2 = UUID.randomUUID().toString();
        amqp.publish(BridgeTopology.HOUSE_EXCHANGE, BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, id2,
                "{\"userId\": {\"a\": 1}, \"newPhone\": \"13812345678\"}");
        String id3 = UUID.randomUUID().toString();
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, id3,
                "{\"platId\": \"three\", \"telA\": \"13470110001\", \"telX\": \"17111526089\", \"telB\": \"13700050000\", \"subId\": \"1\"}");

        assertThat((String) awaitDeadLetter(MQ173, id1).header("x-dlq-reason")).startsWith("参数[body]无效: 不是有效的JSON");
        assertThat(awaitDeadLetter(BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, id2).header("x-dlq-reason"))
                .isEqualTo("参数[userId]无效: 必须是字符串或整数");
        assertThat((String) awaitDeadLetter(BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, id3).header("x-dlq-reason"))
                .startsWith("参数[platId]无效");
    }

    @Test
    void messagesPublishedWhileListenersAreStoppedAreConsumedWhenTheyStart() throws Exception {
        listeners.all().values().forEach(SimpleMessageListenerContainer::stop);
        assertThat(listeners.all().values()).noneMatch(SimpleMessageListenerContainer::isRunning);
        String id = UUID.randomUUID().toString();
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, MQ173, id, "{\"platId\": 3}");
        Thread.sleep(300);
        listeners.all().values().forEach(SimpleMessageListenerContainer::start);
        assertThat(awaitDeadLetter(MQ173, id).header("x-dlq-reason")).isEqualTo("缺少参数[private_number]");
    }

    @Test
    void anUnackedMessageIsRedeliveredWhenItsConsumerStopsMidFlight() throws Exception {
        String queue = amqp.sharedQueue(false);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        // first consumer: receives, then "crashes" (is stopped) before its operation returns
        SimpleMessageListenerContainer first = container(queue, List.of(), 5, (body, messageId) -> {
            inFlight.countDown();
            awaitLatch(release);
            throw new IllegalStateException("consumer died");
        });
        first.start();
        String id = UUID.randomUUID().toString();
        amqp.publish("", queue, id, "{\"k\":\"v\"}");
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        first.stop();           // shutdown timeout 300 ms: the channel closes with the message unacked
        release.countDown();

        SimpleMessageListenerContainer second = container(queue, List.of(), 5, (body, messageId) -> {
            handled.add(messageId);
            return List.of();
        });
        second.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(id));
            Thread.sleep(300);
            assertThat(handled).containsExactly(id);   // once, acked: not delivered again
        } finally {
            second.stop();
        }
    }

    @Test
    void aTransientFailureIsRetriedThenRequeuedAndFinallyDeadLettered() throws Exception {
        String queue = amqp.sharedQueue(false);
        amqp.sharedQueue(BridgeTopology.dlq(queue));
        List<String> attempts = new CopyOnWriteArrayList<>();
        SimpleMessageListenerContainer c = container(queue, List.of(Duration.ofMillis(20), Duration.ofMillis(50)), 3,
                (body, messageId) -> {
                    attempts.add(messageId);
                    throw new IllegalStateException("database unreachable");
                });
        c.start();
        try {
            String id = UUID.randomUUID().toString();
            amqp.publish("", queue, id, "{\"k\":\"v\"}");
            AmqpTestClient.Received dead = await().atMost(Duration.ofSeconds(15))
                    .until(() -> amqp.take(BridgeTopology.dlq(queue), r -> id.equals(r.properties().getMessageId())),
                            Optional::isPresent).orElseThrow();
            // 3 deliveries, each tried 3 times (first try + 2 backoff retries)
            assertThat(attempts).hasSize(9);
            assertThat(dead.header("x-dlq-reason")).isEqualTo("gave up after 3 attempts: IllegalStateException: database unreachable");
            assertThat(dead.header("x-dlq-error-code")).isEqualTo("IllegalStateException");
            assertThat(((Number) dead.header("x-dlq-deliveries")).intValue()).isEqualTo(3);
        } finally {
            c.stop();
        }
    }

    @Test
    void pushModeAnswersTheEnvelopeAndNamesTheBadField() {
        JsonNode missing = post("SetBlackNumber", "{\"platId\": 3, \"action\": \"add\", \"userid\": 74705, \"type\": 0}");
        assertFailure(missing, "缺少参数[private_number]");
        assertFailure(post("SetBlackNumber", "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"block\", \"userid\": \"74705\", \"type\": 0}"),
                "参数[action]无效: 只能是add或delete");
        assertFailure(post("SetBlackNumber", "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 7}"),
                "参数[type]无效: 只能是0(呼出)或1(呼入)");
        assertFailure(post("AddHistoryPhone", "{\"userId\": \"74705\", \"oldPhone\": \"13998765432\"}"), "缺少参数[newPhone]");
        assertFailure(post("UnBindClientNumber", "{\"platId\": 3, \"telA\": \"13470110001\", \"telX\": \"17111526089\", \"telB\": \"13700050000\"}"),
                "缺少参数[subId]");
        assertFailure(post("UnBindClientNumber", "not json"), null);
        assertThat(post("UnBindClientNumber", "not json").get("ResultMsg").asString()).startsWith("参数[body]无效: 不是有效的JSON");
        assertThat(post("SetBlackNumber", "[1,2]").get("ResultMsg").asString()).isEqualTo("参数[body]无效: 必须是JSON对象");
        String big = "{\"platId\": 3, \"pad\": \"" + "x".repeat(MessageFields.MAX_BODY_BYTES) + "\"}";
        assertThat(post("SetBlackNumber", big).get("ResultMsg").asString()).startsWith("参数[body]无效: 消息体超过64KiB");
        assertThat(List.of(missing.propertyNames().toArray())).containsExactly("RequestId", "ResultCode", "ResultMsg",
                "DebugMsg", "IsEncrypt", "DataCount", "PageSize", "PageIndex", "DataBody", "EncDataBody");
        assertThat(missing.get("RequestId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void pushModeAcceptsTheContractShapes() {
        // the contract's examples, ids as strings and as numbers, the key with and without the colon: the
        // answer may be a success or the operation's own refusal, but never a complaint about the message
        List<String[]> pushes = List.of(
                new String[] {"SetBlackNumber", "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 0}"},
                new String[] {"SetBlackNumber", "{\"platId\": \"3\", \"private_number\": \"13470110001\", \"action\": \"delete\", \"userid\": 74705, \"type\": \"1\"}"},
                new String[] {"AddHistoryPhone", "{\"userId\": \"74705\", \"newPhone\": \"13812345678\", \"oldPhone\": \"13998765432\", \"operatorUser:\": \"1\"}"},
                new String[] {"AddHistoryPhone", "{\"userId\": 74705, \"newPhone\": \"13812345678\", \"oldPhone\": \"13998765432\", \"operatorUser\": \"1\"}"},
                new String[] {"UnBindClientNumber", "{\"platId\": 3, \"telA\": \"13470110001\", \"telX\": \"17111526089\", \"telB\": \"13700050000\", \"subId\": \"1000039976446302\"}"},
                new String[] {"UnBindClientNumber", "{\"platId\": \"3\", \"telA\": \"13470110001\", \"telX\": \"17111526089\", \"telB\": \"13700050000\", \"subId\": 1000039976446302}"});
        for (String[] push : pushes) {
            JsonNode r = post(push[0], push[1]);
            assertThat(r.get("ResultCode").asInt()).as(push[1]).isIn(2000, 5000);
            assertThat(r.get("ResultMsg").asString()).as(push[1]).doesNotStartWith("缺少参数").doesNotStartWith("参数[");
        }
    }

    private JsonNode post(String action, String body) {
        Http.Response r = http.method("POST", Http.HUB + action, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void assertFailure(JsonNode envelope, String message) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(5000);
        if (message != null) {
            assertThat(envelope.get("ResultMsg").asString()).isEqualTo(message);
        }
    }

    private AmqpTestClient.Received awaitDeadLetter(String queue, String messageId) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> amqp.take(BridgeTopology.dlq(queue), r -> messageId.equals(r.properties().getMessageId())),
                        Optional::isPresent).orElseThrow();
    }

    /** The production listener (manual acks, retry, dead-letter rules) on a queue of the test's own. */
    private SimpleMessageListenerContainer container(String queue, List<Duration> backoff, int maxDeliveries,
                                                     BiFunction<byte[], String, List<?>> operation) {
        BridgeProperties props = new BridgeProperties();
        props.getListeners().setRetryBackoff(backoff);
        props.getListeners().setMaxDeliveries(maxDeliveries);
        props.getListeners().setShutdownTimeout(Duration.ofMillis(300));
        props.getListeners().setAutoStartup(false);
        InboundHandler<byte[]> handler = new InboundHandler<>() {
            @Override
            public String queue() {
                return queue;
            }

            @Override
            public int defaultConcurrency() {
                return 1;
            }

            @Override
            public byte[] parse(MessageFields fields) {
                return new byte[0];
            }

            @Override
            protected String operator(byte[] message) {
                return null;
            }

            @Override
            protected List<?> apply(byte[] message, RequestContext context) {
                return operation.apply(message, context.requestId());
            }
        };
        SimpleMessageListenerContainer c = BridgeConfiguration.container(connectionFactory, handler, deadLetters, props,
                new BridgeMetrics(new SimpleMeterRegistry()));
        c.afterPropertiesSet();
        return c;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
