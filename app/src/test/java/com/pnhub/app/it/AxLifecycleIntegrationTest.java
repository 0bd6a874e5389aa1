package com.pnhub.app.it;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A number's whole AX life over the legacy HTTP API, against real PostgreSQL and Redis (or their
 * embedded stand-ins) and the Aliyun SDK talking to the provider simulator.
 */
@IntegrationTest
class AxLifecycleIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProviderSimulators simulators;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        simulators.of(Platform.ALIYUN).faults().clear();
    }

    @Test
    void canBindListChangeUnbindAndReleaseANumber() {
        String user = TestData.userId();
        String phone = TestData.realNumber();
        String x = TestData.virtualNumber();
        putAgent(user, "测试员", phone);
        registerNumbers(3, 17, x);

        JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x,
                "addUser", "7", "lastUser", "8");
        assertSuccess(bound);
        assertThat(bound.get("DataBody").get(0).asString()).isEqualTo(x);
        assertThat(bound.get("RequestId").asString()).matches("[0-9a-f]{32}");
        Subscription sub = liveSubscription(x).orElseThrow();
        assertThat(sub.a()).isEqualTo(phone);

        JsonNode row = awaitRow(user, x, "已绑定");
        assertThat(row.get("numberState").asString()).isEqualTo("正常");
        assertThat(row.get("plateformid").asInt()).isEqualTo(3);
        assertThat(row.get("platform_name").asString()).isEqualTo("阿里云");
        assertThat(row.get("userName").asString()).isEqualTo("测试员");
        assertThat(row.get("pool_id").asLong()).isEqualTo(17);
        assertThat(row.get("ax_numA").asString()).isEqualTo(phone);
        assertThat(row.get("ax_subid").asString()).isEqualTo(sub.subsId());
        // employee ids are numbers, as on the contract page; never transferred: tuserId 0 (ADR 0006)
        assertThat(row.get("userId").isNumber()).isTrue();
        assertThat(row.get("userId").asLong()).isEqualTo(Long.parseLong(user));
        assertThat(row.get("tuserId").isNumber()).isTrue();
        assertThat(row.get("tuserId").asLong()).isZero();
        assertThat(List.of(row.propertyNames().toArray())).containsExactly("bindState", "numberState", "plateformid",
                "platform_name", "userId", "userName", "tuserName", "tuserId", "pool_id", "ax_numA", "ax_number", "ax_subid");
        awaitRedis(user, "{\"xNumber\":\"" + x + "\",\"bindType\":0}");

        // change A: the directory's phone changes first, then MIS asks to follow it
        String newPhone = TestData.realNumber();
        putAgent(user, "测试员", newPhone);
        assertSuccess(http.hub("ChangeBindANumber", "userId", user, "private_number", x, "telA", newPhone));
        assertThat(liveSubscription(x).orElseThrow().a()).isEqualTo(newPhone);
        awaitRowField(user, x, "ax_numA", newPhone);

        // unbind: gone at the provider, still the agent's number (listed, 未绑定), still in Redis
        assertSuccess(http.hub("UnBindAgentNumber", "userid", user, "private_number", x));
        assertThat(liveSubscription(x)).isEmpty();
        awaitRow(user, x, "未绑定");
        assertThat(redis.opsForHash().get(redisKey(), user)).isNotNull();

        JsonNode again = http.hub("UnBindAgentNumber", "userid", user, "private_number", x);
        assertFailure(again, "解绑失败-当前隐私号不存在绑定关系。");

        // bind again (the number is still assigned to the agent), then release
        assertSuccess(http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x));
        assertThat(liveSubscription(x)).isPresent();
        assertSuccess(http.hub("ReleaseTelX", "userId", user, "private_number", x));
        assertThat(liveSubscription(x)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rows(user)).isEmpty();
            assertThat(redis.opsForHash().get(redisKey(), user)).isNull();
        });

        // the history has every step, oldest first, with who asked and through which channel
        JsonNode history = http.getRaw("/api/v1/numbers/" + x + "/history?size=100").json();
        List<String> types = history.get("events").valueStream().map(e -> e.get("type").asString()).toList();
        assertThat(types).containsExactly("NumberRegisteredEvent", "AxBindRequestedEvent", "AxBoundEvent",
                "AxPhoneChangeRequestedEvent", "AxPhoneChangedEvent", "AxUnbindRequestedEvent", "AxUnboundEvent",
                "AxBindRequestedEvent", "AxBoundEvent", "AxUnbindRequestedEvent", "AxUnboundEvent", "NumberReleasedEvent");
        JsonNode bindMeta = history.get("events").get(1).get("metadata");
        assertThat(bindMeta.get("channel").asString()).isEqualTo("LEGACY_HTTP");
        assertThat(bindMeta.get("addUser").asString()).isEqualTo("7");
        assertThat(bindMeta.get("lastUser").asString()).isEqualTo("8");
        assertThat(bindMeta.get("requestId").asString()).isEqualTo(bound.get("RequestId").asString());
    }

    @Test
    void canBindWithAGivenPhoneAndByPlatform() {
        String user = TestData.userId();
        String x = TestData.virtualNumber();
        String givenPhone = TestData.realNumber();
        putAgent(user, "指定", TestData.realNumber());
        registerNumbers(3, 17, x);

        assertSuccess(http.hub("BindAxNumberByUserPhone", "userid", user, "userPhone", givenPhone, "regionid", "1",
                "private_number", x, "addUser", "1", "lastUser", "1"));
        assertThat(liveSubscription(x).orElseThrow().a()).isEqualTo(givenPhone);

        // a user holds one normal number: a second one by platform is refused
        JsonNode second = http.userPrivacy("BindAxByplatform", "userId", user, "platformID", "3");
        assertFailure(second, "您存在绑定的小号,不能再绑定新的小号");
        assertThat(second.get("DataBody").get(0).asBoolean()).isFalse();
    }

    @Test
    void cannotBindANumberWhoseStateIsNotNormal() {
        String user = TestData.userId();
        String x = TestData.virtualNumber();
        putAgent(user, "状态", TestData.realNumber());
        registerNumbers(3, 17, x);

        JsonNode state = http.hub("UpdateNumberState", "private_number", x, "state", "2");
        assertSuccess(state);
        assertThat(state.get("DataBody").get(0).asString()).isEqualTo("True");
        assertFailure(http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x),
                "当前号码状态为[2]，无法绑定！");
        assertThat(liveSubscription(x)).isEmpty();
    }

    @Test
    void aProviderOutageHoldsAFaultBindingUntilTheProviderIsBack() {
        String user = TestData.userId();
        String x = TestData.virtualNumber();
        String phone = TestData.realNumber();
        putAgent(user, "故障", phone);
        registerNumbers(3, 17, x);

        simulators.of(Platform.ALIYUN).faults().setDown(true);
        JsonNode answer;
        try {
            answer = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
            assertSuccess(answer);
            assertThat(answer.toString()).doesNotContain("Exception").doesNotContain("at com.");
            // held for the agent locally: bind state 5, Redis bindType 1, nothing at the provider yet
            awaitRow(user, x, "故障绑定");
            awaitRedis(user, "{\"xNumber\":\"" + x + "\",\"bindType\":1}");
            assertThat(liveSubscription(x)).isEmpty();
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
        }
        // the recovery saga pushes it once the provider answers again
        await().atMost(Duration.ofSeconds(30)).until(() -> liveSubscription(x).isPresent());
        assertThat(liveSubscription(x).orElseThrow().a()).isEqualTo(phone);
        awaitRow(user, x, "已绑定");
        awaitRedis(user, "{\"xNumber\":\"" + x + "\",\"bindType\":0}");
    }

    @Test
    void answersMalformedRequestsWithAnEnvelopeNamingTheProblem() {
        assertFailure(http.hub("BindAxNumber", "regionid", "1", "private_number", "17300000001"), "缺少参数[userid]");
        assertFailure(http.hub("BindAxNumber", "USERID", "abc", "private_number", "17300000001"), "参数[userid]无效: 必须是整数");
        assertFailure(http.hub("BindAxNumber", "userid", "1", "private_number", "13800138000"),
                "参数[private_number]无效: 不是有效的隐私号(虚拟号码)");
        assertFailure(http.getRaw(Http.HUB + "UnBindAgentNumber?userid=1&userid=2&private_number=17300000001").json(),
                "参数[userid]无效: 重复的参数值不一致");
        assertFailure(http.hub("UpdateNumberState", "private_number", "17300000001", "state", "9"),
                "参数[state]无效: 号码状态只能是0,1,2,3");
        assertFailure(http.hub("BindAxNumber", "userid", "424242", "private_number", TestData.virtualNumber()),
                "用户[424242]不存在");

        Http.Response unknown = http.get(Http.HUB + "NoSuchAction", Map.of());
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("ResultCode").asInt()).isEqualTo(5000);
        Http.Response wrongMethod = http.method("DELETE", Http.HUB + "BindAxNumber", null);
        assertThat(wrongMethod.json().get("ResultMsg").asString()).isEqualTo("不支持的请求方法[DELETE]");
    }

    @Test
    void registrationReportsEachItem() {
        String x = TestData.virtualNumber();
        Http.Response r = http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", "13800138000", "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", TestData.virtualNumber(), "platform", 9, "poolId", 17, "regionId", 1))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().valueStream().map(n -> n.get("status").asString()).toList())
                .containsExactly("registered", "duplicate", "invalid", "invalid");
        assertThat(r.json().get(2).get("message").asString()).isEqualTo("参数[number]无效: 不是有效的隐私号(虚拟号码)");
        assertThat(r.json().get(3).get("message").asString()).isEqualTo("参数[platform]无效: 平台只能是1,2,3");
        Http.Response view = http.getRaw("/api/v1/numbers/" + x);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.getRaw("/api/v1/numbers/" + x).status() == 200);
        assertThat(view.status()).isIn(200, 404);
    }

    @Test
    void apiBodiesAreValidatedAndTheProblemNamesTheField() {
        String user = TestData.userId();
        Http.Response phone = http.method("PUT", "/api/v1/agents/" + user,
                Http.toJson(Map.of("name", "校验", "phone", TestData.virtualNumber())));
        assertThat(phone.status()).as(phone.body()).isEqualTo(400);
        assertThat(phone.json().get("detail").asString()).isEqualTo("参数[phone]无效: 不是有效的真实号码");
        assertThat(phone.json().get("field").asString()).isEqualTo("phone");
        assertThat(phone.json().get("code").asString()).isEqualTo("INVALID_PARAMETER");

        Http.Response both = http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", " ", "phone", "12")));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("detail").asString()).isEqualTo("参数[name]无效: 必填,最多200字");
        assertThat(both.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("name", "phone");

        Http.Response id = http.method("PUT", "/api/v1/agents/7x", Http.toJson(Map.of("name", "校验")));
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.json().get("detail").asString()).isEqualTo("参数[userId]无效: 必须是整数");
        assertThat(http.getRaw("/api/v1/agents/" + user).status()).isEqualTo(404);
    }

    // --- helpers

    private String redisKey() {
        return TestInfrastructure.get().redisKey();
    }

    private void putAgent(String user, String name, String phone) {
        Http.Response r = http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", name, "phone", phone)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void registerNumbers(int platform, long poolId, String... numbers) {
        List<Map<String, Object>> items = java.util.Arrays.stream(numbers)
                .map(n -> Map.<String, Object>of("number", n, "platform", platform, "poolId", poolId, "regionId", 1))
                .toList();
        Http.Response r = http.method("POST", "/api/v1/numbers", Http.toJson(items));
        assertThat(r.json().valueStream().map(n -> n.get("status").asString())).allMatch("registered"::equals);
    }

    private Optional<Subscription> liveSubscription(String x) {
        return simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst();
    }

    private List<JsonNode> rows(String user) {
        return http.hub("QueryAgentNumbers", "userid", user).get("DataBody").valueStream().toList();
    }

    private JsonNode awaitRow(String user, String x, String bindState) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> rows(user).stream()
                .filter(r -> r.get("ax_number").asString().equals(x) && r.get("bindState").asString().equals(bindState))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private void awaitRowField(String user, String x, String field, String value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(user).stream()
                .anyMatch(r -> r.get("ax_number").asString().equals(x) && value.equals(r.get(field).asString())));
    }

    private void awaitRedis(String user, String value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> value.equals(redis.opsForHash().get(redisKey(), user)));
    }

    private void awaitNumberBindState(String x, String bindState) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode view = http.getRaw("/api/v1/numbers/" + x).json();
            return view != null && bindState.equals(view.get("bindState").asString());
        });
    }

    static void assertSuccess(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
        assertThat(envelope.get("ResultMsg").asString()).isNotBlank();
    }

    static void assertFailure(JsonNode envelope, String message) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(5000);
        assertThat(envelope.get("ResultMsg").asString()).isEqualTo(message);
        assertThat(envelope.get("RequestId").asString()).matches("[0-9a-f]{32}");
        assertThat(List.of(envelope.propertyNames().toArray())).containsExactly("RequestId", "ResultCode", "ResultMsg",
                "DebugMsg", "IsEncrypt", "DataCount", "PageSize", "PageIndex", "DataBody", "EncDataBody");
    }
}
