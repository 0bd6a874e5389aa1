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
import com.pnhub.command.fault.FailoverPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Automatic failover: while 阿里云 is down past the configured time, the agent is reachable through a
 * temporary number on another platform; when 阿里云 is back, the original binding is restored and the
 * temporary number released, every step in both numbers' histories.
 */
@IntegrationTest
class FailoverIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    FailoverPolicy policy;

    @Test
    void anAgentIsReachableThroughATemporaryNumberWhileTheirPlatformIsDown() {
        Http http = new Http(port);
        String user = TestData.userId();
        String phone = TestData.realNumber();
        http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "切换" + user, "phone", phone)));
        String x = TestData.virtualNumber();
        String spare = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", spare, "platform", 2, "poolId", 12, "regionId", 1))));

        policy.configure(true, Duration.ofSeconds(2));
        simulators.of(Platform.ALIYUN).faults().setDown(true);
        String temporary;
        try {
            JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
            assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);

            JsonNode started = await().atMost(Duration.ofSeconds(20))
                    .until(() -> event(http, x, "FailoverStartedEvent"), java.util.Objects::nonNull);
            temporary = started.get("payload").get("temporaryNumber").asString();
            assertThat(started.get("payload").get("temporaryPlatform").asString()).isNotEqualTo("ALIYUN");
            Platform other = Platform.valueOf(started.get("payload").get("temporaryPlatform").asString());
            await().atMost(Duration.ofSeconds(20)).until(() -> simulators.of(other).subscriptions().stream()
                    .anyMatch(s -> s.x().equals(temporary) && s.a().equals(phone)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ("{\"xNumber\":\"" + temporary + "\",\"bindType\":1}")
                    .equals(redis.opsForHash().get(TestInfrastructure.get().redisKey(), user)));
            // GET /api/v1/providers counts it among 阿里云's running failovers (from the saga store)
            await().atMost(Duration.ofSeconds(10)).until(() -> http.getRaw("/api/v1/providers").json().valueStream()
                    .filter(p -> p.get("platform").asInt() == 3).findFirst().orElseThrow()
                    .get("runningFailovers").asLong() >= 1);
        } finally {
            simulators.of(Platform.ALIYUN).faults().setDown(false);
            policy.configure(true, Duration.ofSeconds(60));
        }

        await().atMost(Duration.ofSeconds(40)).until(() -> event(http, x, "FailoverEndedEvent") != null);
        assertThat(simulators.of(Platform.ALIYUN).subscriptions()).anyMatch(s -> s.x().equals(x) && s.a().equals(phone));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode view = http.getRaw("/api/v1/numbers/" + temporary).json();
            assertThat(view.get("userId").isNull()).isTrue();
            assertThat(view.get("bindState").asString()).isEqualTo("UNBOUND");
            assertThat(redis.opsForHash().get(TestInfrastructure.get().redisKey(), user))
                    .isEqualTo("{\"xNumber\":\"" + x + "\",\"bindType\":0}");
        });
        assertThat(types(http, temporary)).contains("AxFaultBoundEvent", "FaultBindingRecoveredEvent", "NumberReleasedEvent");
        assertThat(types(http, x)).containsSubsequence("AxFaultBoundEvent", "FailoverStartedEvent",
                "FaultBindingRecoveredEvent", "FailoverEndedEvent");
    }

    private static JsonNode event(Http http, String number, String type) {
        return http.getRaw("/api/v1/numbers/" + number + "/history?size=1000").json().get("events").valueStream()
                .filter(e -> e.get("type").asString().equals(type)).findFirst().orElse(null);
    }

    private static List<String> types(Http http, String number) {
        return http.getRaw("/api/v1/numbers/" + number + "/history?size=1000").json().get("events").valueStream()
                .map(e -> e.get("type").asString()).toList();
    }
}
