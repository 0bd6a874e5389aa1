package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.TestWorld;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.aliyun.AliyunNumberProvider;
import com.pnhub.command.provider.aliyun.AliyunProviderSettings;
import com.pnhub.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A message put on each legacy queue by a plain AMQP client, as the other teams' producers do, has its
 * effect exactly once, visible over HTTP, in Redis and at the provider simulator; the same message
 * delivered twice has one effect and nothing lands in a dead-letter queue.
 */
@IntegrationTest
class LegacyQueuesEndToEndIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    Http http;
    AmqpTestClient amqp;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        amqp = new AmqpTestClient();
    }

    @AfterEach
    void tearDown() {
        amqp.close();
    }

    @Test
    void aBlacklistMessageHasItsEffectOnceEvenWhenDeliveredTwice() throws Exception {
        // a B number is pushed to every pool the platform has: make sure it has one
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", TestData.virtualNumber(), "platform", 3, "poolId", 17, "regionId", 1))));
        String b = TestData.realNumber();
        String id = UUID.randomUUID().toString();
        String body = "{\"platId\": 3, \"private_number\": \"" + b + "\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 1}";
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ173_SET_BLACK_NUMBER, id, body);
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ173_SET_BLACK_NUMBER, id, body);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode list = http.getRaw("/api/v1/blacklist?platform=3&number=" + b).json();
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.get(0).get("direction").asString()).isEqualTo("INBOUND");
            assertThat(simulators.of(Platform.ALIYUN).blacklist()).anyMatch(e -> e.blackNo().equals(b));
        });
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> events("3:" + b) == 1);
        assertThat(deadLettered(BridgeTopology.MQ173_SET_BLACK_NUMBER, id)).isFalse();

        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ173_SET_BLACK_NUMBER, UUID.randomUUID().toString(),
                body.replace("\"add\"", "\"delete\""));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(http.getRaw("/api/v1/blacklist?number=" + b).json().size()).isZero();
            assertThat(simulators.of(Platform.ALIYUN).blacklist()).noneMatch(e -> e.blackNo().equals(b));
        });
    }

    @Test
    void aPhoneChangeMessageMovesTheAgentsBindingOnce() throws Exception {
        String oldPhone = TestData.realNumber();
        String user = TestWorld.agent(http, oldPhone);
        String x = TestWorld.boundNumber(http, user);
        String newPhone = TestData.realNumber();
        String id = UUID.randomUUID().toString();
        String body = "{\"userId\": \"" + user + "\", \"newPhone\": \"" + newPhone + "\", \"oldPhone\": \"" + oldPhone
                + "\", \"operatorUser:\": \"9\"}";
        amqp.publish(BridgeTopology.HOUSE_EXCHANGE, BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, id, body);
        amqp.publish(BridgeTopology.HOUSE_EXCHANGE, BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, id, body);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst()
                    .orElseThrow().a()).isEqualTo(newPhone);
            JsonNode row = http.hub("QueryAgentNumbers", "userid", user).get("DataBody").get(0);
            assertThat(row.get("ax_numA").asString()).isEqualTo(newPhone);
        });
        assertThat(redis.opsForHash().get(TestInfrastructure.get().redisKey(), user))
                .isEqualTo("{\"xNumber\":\"" + x + "\",\"bindType\":0}");
        // the agent: created, then one phone change; the number: one change of A
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> events(user) == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%AxPhoneChangedEvent'", Integer.class, x)).isEqualTo(1);
        JsonNode agent = http.getRaw("/api/v1/agents/" + user).json();
        assertThat(agent.get("phone").asString()).isEqualTo(newPhone);
        assertThat(deadLettered(BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL, id)).isFalse();
    }

    @Test
    void anUnbindClientMessageEndsTheCustomerBindingAtTheProviderOnce() throws Exception {
        String x = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        String a = TestData.realNumber();
        String b = TestData.realNumber();
        ProviderSimulator sim = simulators.of(Platform.ALIYUN);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.pools().getOrDefault("17", List.of()).contains(x));
        AliyunNumberProvider sdk = new AliyunNumberProvider(new AliyunProviderSettings(Platform.ALIYUN, null, "http://" + sim.endpoint(),
                sim.config().accessKeyId(), sim.config().accessKeySecret(), 2000, 10_000, null));
        ProviderOutcome xb = sdk.bindAxb("17", x, a, b, Duration.ofMinutes(5), "it");
        assertThat(xb.isSuccess()).as(xb.toString()).isTrue();
        String subId = ((ProviderOutcome.Success) xb).subsId();

        String id = UUID.randomUUID().toString();
        String body = "{\"platId\": 3, \"telA\": \"" + a + "\", \"telX\": \"" + x + "\", \"telB\": \"" + b + "\", \"subId\": \"" + subId + "\"}";
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, id, body);
        amqp.publish(BridgeTopology.SERVICE_EXCHANGE, BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, id, body);

        await().atMost(Duration.ofSeconds(15)).until(() -> sim.subscription(subId).isEmpty());
        Thread.sleep(800);
        assertThat(deadLettered(BridgeTopology.MQ108_PRIVATE_NUMBER_XNB, id)).isFalse();
    }

    private int events(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class,
                aggregateId);
    }

    private boolean deadLettered(String queue, String messageId) throws Exception {
        return amqp.take(BridgeTopology.dlq(queue), r -> messageId.equals(r.properties().getMessageId())).isPresent();
    }
}
