package com.pnhub.app.it;

import static com.pnhub.app.support.TestWorld.agent;
import static com.pnhub.app.support.TestWorld.boundNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.Platform;
import com.pnhub.api.values.UserId;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.command.gateway.AgentPhoneOperations;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.command.number.NumberLookup;
import com.pnhub.simulator.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The legacy contract to the letter, and what a privacy product owes beyond it (issue 10): the shapes of #3, fault
 * bindings that follow their holder, and numbers not handed on too soon. Each through the real HTTP API, the real
 * read models and the provider simulator.
 */
@IntegrationTest
class LegacyContractIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AgentPhoneOperations agentPhones;
    @Autowired
    NumberLookup lookup;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    // ---- #3 QueryAgentNumbers ----

    @Test
    void answersAnAgentWithoutNumbersWithAnEmptyEnvelopeOfNoPage() {
        Http http = new Http(port);
        String user = agent(http, TestData.realNumber());
        JsonNode answer = http.hub("QueryAgentNumbers", "userid", user);
        assertThat(answer.get("ResultCode").asInt()).isEqualTo(2000);
        assertThat(answer.get("DataBody").size()).isZero();
        assertThat(answer.get("DataCount").asInt()).isZero();
        assertThat(answer.get("PageSize").asInt()).isZero();
        assertThat(answer.get("PageIndex").asInt()).isZero();
    }

    @Test
    void writesTheEmployeeIdsOfARowAsNumbersWithTuserIdZeroUntilATransfer() {
        Http http = new Http(port);
        String from = agent(http, TestData.realNumber());
        String to = agent(http, TestData.realNumber());
        String x = boundNumber(http, from);

        // #3 reads number_view, which follows the bind's events a moment after the bind answered
        JsonNode own = await().atMost(Duration.ofSeconds(10)).until(() -> row(http, from, x), r -> r != null);
        assertThat(own.get("userId").isNumber()).as(own.toString()).isTrue();
        assertThat(own.get("userId").asLong()).isEqualTo(Long.parseLong(from));
        assertThat(own.get("tuserId").isNumber()).as(own.toString()).isTrue();
        assertThat(own.get("tuserId").asLong()).isZero();
        assertThat(own.get("tuserName").asString()).isEmpty();

        assertThat(http.hub("TransferBindAccount", "userid", from, "tuserid", to).get("ResultCode").asInt()).isEqualTo(2000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode moved = row(http, to, x);
            assertThat(moved.get("userId").asLong()).isEqualTo(Long.parseLong(from));
            assertThat(moved.get("tuserId").isNumber()).isTrue();
            assertThat(moved.get("tuserId").asLong()).isEqualTo(Long.parseLong(to));
        });
    }

    // ---- fault bindings follow their holder ----

    @Test
    void pushesAFaultBindingWithThePhoneTheAgentChangedToMeanwhile() {
        Http http = new Http(port);
        String oldPhone = TestData.realNumber();
        String newPhone = TestData.realNumber();
        String user = agent(http, oldPhone);
        String x = TestData.virtualNumber();
        faultBind(http, user, x, () -> {
            // MQ176 while the provider is away: the fault binding takes the new phone at once
            agentPhones.changePhone(new UserId(user), new PhoneNumber(newPhone), new PhoneNumber(oldPhone), "7",
                    RequestContext.of(Channel.MESSAGE, "7"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(row(http, user, x).get("ax_numA").asString()).isEqualTo(newPhone));
            assertThat(row(http, user, x).get("bindState").asString()).isEqualTo("故障绑定");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> live(x).isPresent());
        assertThat(live(x).orElseThrow().a()).isEqualTo(newPhone);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode r = row(http, user, x);
            assertThat(r.get("bindState").asString()).isEqualTo("已绑定");
            assertThat(r.get("ax_numA").asString()).isEqualTo(newPhone);
        });
    }

    @Test
    void pushesATransferredFaultBindingWithTheNewHoldersPhone() {
        Http http = new Http(port);
        String from = agent(http, TestData.realNumber());
        String toPhone = TestData.realNumber();
        String to = agent(http, toPhone);
        String x = TestData.virtualNumber();
        faultBind(http, from, x, () ->
                assertThat(http.hub("TransferBindAccount", "userid", from, "tuserid", to, "private_number", x)
                        .get("ResultCode").asInt()).isEqualTo(2000));
        await().atMost(Duration.ofSeconds(30)).until(() -> live(x).isPresent());
        assertThat(live(x).orElseThrow().a()).isEqualTo(toPhone);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode r = row(http, to, x);
            assertThat(r.get("bindState").asString()).isEqualTo("已绑定");
            assertThat(r.get("ax_numA").asString()).isEqualTo(toPhone);
        });
    }

    @Test
    void keepsATransferredTemporaryNumberTemporaryInRedis() {
        Http http = new Http(port);
        String from = agent(http, TestData.realNumber());
        String to = agent(http, TestData.realNumber());
        String pooled = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", pooled, "platform", 2, "poolId", 12, "regionId", 1))));
        assertThat(http.userPrivacy("UserBindLinShiNumber", "userId", from, "platformID", "2").get("ResultCode").asInt())
                .isEqualTo(2000);
        // #3 reads number_view, which follows #17's event a moment after it answered
        String temporary = await().atMost(Duration.ofSeconds(10))
                .until(() -> http.hub("QueryAgentNumbers", "userid", from).get("DataBody"), rows -> rows.size() == 1)
                .get(0).get("ax_number").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.of(Platform.JIUYUN).subscriptions().stream()
                .anyMatch(s -> s.x().equals(temporary)));
        awaitRedis(from, "{\"xNumber\":\"" + temporary + "\",\"bindType\":1}");

        assertThat(http.hub("TransferBindAccount", "userid", from, "tuserid", to, "private_number", temporary)
                .get("ResultCode").asInt()).isEqualTo(2000);
        awaitRedis(to, "{\"xNumber\":\"" + temporary + "\",\"bindType\":1}");
        assertThat(redis.opsForHash().get(TestInfrastructure.get().redisKey(), from)).isNull();
    }

    // ---- numbers are not handed on too soon ----

    @Test
    void keepsAReleasedNumberFromTheNextAgentButLetsAnOperatorBindItExplicitly() {
        Http http = new Http(port);
        String first = agent(http, TestData.realNumber());
        String x = boundNumber(http, first);
        assertThat(http.hub("ReleaseTelX", "userId", first, "private_number", x).get("ResultCode").asInt()).isEqualTo(2000);

        // the number shows as quarantined, with the end of its quarantine
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = http.get("/api/v1/numbers/" + x, Map.of()).json();
            assertThat(view.get("quarantinedUntil").isNull()).as(view.toString()).isFalse();
            Instant until = Instant.parse(view.get("quarantinedUntil").asString());
            assertThat(until).isBetween(Instant.now().plus(Duration.ofHours(71)), Instant.now().plus(Duration.ofHours(73)));
        });
        JsonNode pool = poolOf(http, 3, 17);
        assertThat(pool.get("counts").get("quarantined").asLong()).isPositive();

        // #16 for the next agent does not hand it out
        String next = agent(http, TestData.realNumber());
        JsonNode allocated = http.userPrivacy("BindAxByplatform", "userId", next, "platformID", "3");
        assertThat(allocated.toString()).doesNotContain(x);

        // an operator may still bind it on purpose (#1)
        String chosen = agent(http, TestData.realNumber());
        JsonNode bound = http.hub("BindAxNumber", "userid", chosen, "regionid", "1", "private_number", x);
        assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
    }

    @Test
    void allocatesTheNumberFreeTheLongestAndNoneInQuarantine() {
        // in one transaction that is rolled back: the platform's other free numbers are taken for its length, so the
        // allocation can only choose among this test's numbers
        String neverHeld = TestData.virtualNumber();
        String freedLongAgo = TestData.virtualNumber();
        String freedRecently = TestData.virtualNumber();
        transactions.executeWithoutResult(tx -> {
            jdbc.update("UPDATE number_lookup SET holder = 'busy-' || number, bind_type = 0 WHERE platform = 1 AND holder IS NULL");
            for (String n : List.of(neverHeld, freedLongAgo, freedRecently)) {
                lookup.register(n, Platform.DONGXIN, 11, 1);
            }
            jdbc.update("UPDATE number_lookup SET freed_at = now() - interval '30 days' WHERE number = ?", freedLongAgo);
            jdbc.update("UPDATE number_lookup SET freed_at = now() - interval '1 hour' WHERE number = ?", freedRecently);

            assertThat(lookup.lockFreeNumber(Platform.DONGXIN)).isEqualTo(neverHeld);
            lookup.assign(neverHeld, "u-" + neverHeld, BindType.NORMAL);
            assertThat(lookup.lockFreeNumber(Platform.DONGXIN)).isEqualTo(freedLongAgo);
            lookup.assign(freedLongAgo, "u-" + freedLongAgo, BindType.NORMAL);
            // the one given up an hour ago is in its 72 h quarantine: nothing is left to hand out
            assertThat(lookup.lockFreeNumber(Platform.DONGXIN)).isNull();
            tx.setRollbackOnly();
        });
    }

    /** X of platform 3 bound by the agent while the provider is down (a fault binding); {@code during} runs meanwhile. */
    private void faultBind(Http http, String user, String x, Runnable during) {
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        simulators.of(Platform.ALIYUN).faults().setDown(true);
        try {
            JsonNode answer = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
            assertThat(answer.get("ResultCode").asInt()).as(answer.toString()).isEqualTo(2000);
            await().atMost(Duration.ofSeconds(10)).until(() -> "故障绑定".equals(bindState(http, user, x)));
            during.run();
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
        }
    }

    private static String bindState(Http http, String user, String x) {
        JsonNode r = row(http, user, x);
        return r == null ? null : r.get("bindState").asString();
    }

    private static JsonNode row(Http http, String user, String x) {
        return http.hub("QueryAgentNumbers", "userid", user).get("DataBody").valueStream()
                .filter(r -> r.get("ax_number").asString().equals(x)).findFirst().orElse(null);
    }

    private static JsonNode poolOf(Http http, int platform, long poolId) {
        JsonNode summary = http.get("/api/v1/pool/summary", Map.of()).json();
        for (JsonNode p : summary.get("platforms")) {
            if (p.get("platform").asInt() == platform) {
                for (JsonNode pool : p.get("pools")) {
                    if (pool.get("poolId").asLong() == poolId) {
                        return pool;
                    }
                }
            }
        }
        throw new AssertionError("no pool " + poolId + " of platform " + platform + " in " + summary);
    }

    private Optional<Subscription> live(String x) {
        return simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst();
    }

    private void awaitRedis(String user, String value) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                value.equals(redis.opsForHash().get(TestInfrastructure.get().redisKey(), user)));
    }
}
