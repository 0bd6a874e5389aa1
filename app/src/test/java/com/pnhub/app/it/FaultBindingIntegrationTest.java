package com.pnhub.app.it;

import static com.pnhub.app.support.TestWorld.boundNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.simulator.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The legacy fault operations #11, #12, #13 and #17 over HTTP, with their effect at the provider simulator. */
@IntegrationTest
class FaultBindingIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void canDeclareAFaultThatHoldsUntilAnOperatorRecoversItOrEndsIt() throws Exception {
        Http http = new Http(port);
        String user = agent(http);
        String x = boundNumber(http, user);
        String subsId = live(x).orElseThrow().subsId();

        JsonNode declared = http.hub("TemporaryBindNumber", "userid", user);
        assertThat(declared.get("ResultCode").asInt()).isEqualTo(2000);
        assertThat(declared.get("DataBody").valueStream().map(JsonNode::asString)).containsExactly(x);
        // safe to call twice: nothing left to touch
        assertThat(http.hub("TemporaryBindNumber", "userid", user).get("DataBody").size()).isZero();
        awaitRow(http, user, x, "故障绑定");
        // an operator's declaration is not undone by itself: well past the first push of a fault of our own (2 s)
        Thread.sleep(4_000);
        assertThat(row(http, user, x).get("bindState").asString()).isEqualTo("故障绑定");

        // an explicit recovery pushes it: bound again, on the subscription the provider still has
        Http.Response recovery = http.method("POST", "/api/v1/numbers/" + x + "/fault-recovery", "");
        assertThat(recovery.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> awaitRow(http, user, x, "已绑定"));
        assertThat(live(x).orElseThrow().subsId()).isEqualTo(subsId);
        assertThat(http.method("POST", "/api/v1/numbers/" + x + "/fault-recovery", "").status()).isEqualTo(409);

        // declared again, #13 ends it at the provider
        assertThat(http.hub("TemporaryBindNumber", "private_number", x).get("DataBody").size()).isEqualTo(1);
        JsonNode ended = http.hub("TemporaryUnBindNumberToAli", "userid", user, "regionid", "1", "private_number", x,
                "addUser", "1", "lastUser", "1");
        assertThat(ended.get("DataBody").valueStream().map(JsonNode::asString)).containsExactly(x);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(live(x)).isEmpty());
        awaitRow(http, user, x, "未绑定");
        assertThat(http.hub("TemporaryUnBindNumberToAli", "private_number", x).get("DataBody").size()).isZero();
    }

    @Test
    void canEndADeclaredFaultByStateOnly() {
        Http http = new Http(port);
        String user = agent(http);
        String x = boundNumber(http, user);
        http.hub("TemporaryBindNumber", "private_number", x);
        awaitRow(http, user, x, "故障绑定");

        JsonNode ended = http.hub("TemporaryUnBindNumber", "userid", user, "private_number", x);
        assertThat(ended.get("DataBody").valueStream().map(JsonNode::asString)).containsExactly(x);
        awaitRow(http, user, x, "未绑定");
        // by state only: nothing was said to the provider (reconciliation finds the subscription an orphan)
        assertThat(live(x)).isPresent();
    }

    @Test
    void canShowAFaultBindingWhoseUnbindTheProviderRefusedAsAFaultBinding() {
        Http http = new Http(port);
        String user = agent(http);
        String x = boundNumber(http, user);
        http.hub("TemporaryBindNumber", "private_number", x);
        awaitRow(http, user, x, "故障绑定");

        simulators.of(Platform.ALIYUN).faults().setFlowLimited(true);
        try {
            http.hub("TemporaryUnBindNumberToAli", "userid", user, "private_number", x);
            await().atMost(Duration.ofSeconds(30)).until(() -> history(http, x).contains("AxUnbindingRejectedEvent"));
        } finally {
            simulators.of(Platform.ALIYUN).faults().setFlowLimited(false);
        }
        // the unbind was refused: the number is a fault binding again, and #3 says so (it said 已绑定)
        awaitRow(http, user, x, "故障绑定");
        assertThat(live(x)).isPresent();
    }

    @Test
    void canGiveATemporaryNumberOnlyOnceAndEndItByState() {
        Http http = new Http(port);
        String user = agent(http);
        String pooled = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", pooled, "platform", 2, "poolId", 12, "regionId", 1))));

        JsonNode first = http.userPrivacy("UserBindLinShiNumber", "userId", user, "platformID", "2");
        assertThat(first.get("ResultCode").asInt()).as(first.toString()).isEqualTo(2000);
        // the contract's answer, to the letter; the number itself is listed by #3
        assertThat(first.get("ResultMsg").asString()).isEqualTo("SUCCESS");
        assertThat(first.get("DataBody").valueStream().map(JsonNode::asInt)).containsExactly(1);
        // #3 reads number_view, which follows #17's event a moment after it answered
        String temporary = await().atMost(Duration.ofSeconds(10))
                .until(() -> http.hub("QueryAgentNumbers", "userid", user).get("DataBody"), rows -> rows.size() == 1)
                .get(0).get("ax_number").asString();

        JsonNode second = http.userPrivacy("UserBindLinShiNumber", "userId", user, "platformID", "2");
        assertThat(second.get("ResultCode").asInt()).isEqualTo(5000);
        assertThat(second.get("ResultMsg").asString()).isEqualTo("内部错误[FAIL-5000-该用户[" + user + "]已经有故障绑定,不能再注册新的小号.]");

        // a temporary number is held as a fault binding and pushed to the provider like any other
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.of(Platform.JIUYUN).subscriptions().stream()
                .anyMatch(s -> s.x().equals(temporary)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ("{\"xNumber\":\"" + temporary + "\",\"bindType\":1}")
                .equals(redis.opsForHash().get(TestInfrastructure.get().redisKey(), user)));

        // #12 on a bound (not faulty) number touches nothing
        assertThat(http.hub("TemporaryUnBindNumber", "userid", user).get("DataBody").size()).isZero();
    }

    private Optional<Subscription> live(String x) {
        return simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst();
    }

    private static JsonNode row(Http http, String user, String x) {
        return http.hub("QueryAgentNumbers", "userid", user).get("DataBody").valueStream()
                .filter(r -> r.get("ax_number").asString().equals(x)).findFirst().orElseThrow();
    }

    private static String history(Http http, String x) {
        return http.get("/api/v1/numbers/" + x + "/history", Map.of()).body();
    }

    private static void awaitRow(Http http, String user, String x, String bindState) {
        await().atMost(Duration.ofSeconds(10)).until(() -> http.hub("QueryAgentNumbers", "userid", user).get("DataBody")
                .valueStream().anyMatch(r -> r.get("ax_number").asString().equals(x) && r.get("bindState").asString().equals(bindState)));
    }

    private static String agent(Http http) {
        String user = TestData.userId();
        Http.Response r = http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "故障" + user, "phone", TestData.realNumber())));
        assertThat(r.status()).isEqualTo(200);
        return user;
    }
}
