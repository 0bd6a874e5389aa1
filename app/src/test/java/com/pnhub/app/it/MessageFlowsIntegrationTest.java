package com.pnhub.app.it;

import static com.pnhub.app.support.TestWorld.agent;
import static com.pnhub.app.support.TestWorld.boundNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.metadata.Channel;
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
import com.pnhub.command.gateway.BlacklistOperations;
import com.pnhub.command.gateway.RequestContext;
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

/**
 * The flows that arrive by message or belong with them: transfers (#4), agent phone changes (MQ176)
 * and blacklists (#7, MQ173), each with its effect at the provider simulator, in the read model and in
 * Redis. The message entries themselves (queues, HTTP push) are tested with the bridge.
 */
@IntegrationTest
class MessageFlowsIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AgentPhoneOperations agentPhones;
    @Autowired
    BlacklistOperations blacklists;

    @Test
    void aTransferMovesTheBindingToTheNewAgentsPhone() {
        Http http = new Http(port);
        String from = agent(http, TestData.realNumber());
        String toPhone = TestData.realNumber();
        String to = agent(http, toPhone);
        String x = boundNumber(http, from);

        JsonNode answer = http.hub("TransferBindAccount", "userid", from, "tuserid", to);
        assertThat(answer.get("ResultCode").asInt()).as(answer.toString()).isEqualTo(2000);
        assertThat(answer.get("DataBody").get(0).asString()).isEqualTo(x);
        assertThat(live(x).orElseThrow().a()).isEqualTo(toPhone);

        for (String user : List.of(from, to)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode row = http.hub("QueryAgentNumbers", "userid", user).get("DataBody").get(0);
                assertThat(row).as("row for " + user).isNotNull();
                assertThat(row.get("ax_number").asString()).isEqualTo(x);
                assertThat(row.get("userId").asString()).isEqualTo(from);
                assertThat(row.get("tuserId").asString()).isEqualTo(to);
                assertThat(row.get("tuserName").asString()).isEqualTo("代理" + to);
                assertThat(row.get("ax_numA").asString()).isEqualTo(toPhone);
                assertThat(row.get("bindState").asString()).isEqualTo("已绑定");
            });
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redis.opsForHash().get(TestInfrastructure.get().redisKey(), to))
                    .isEqualTo("{\"xNumber\":\"" + x + "\",\"bindType\":0}");
            assertThat(redis.opsForHash().get(TestInfrastructure.get().redisKey(), from)).isNull();
        });
        // the number is now the new agent's to unbind
        assertThat(http.hub("UnBindAgentNumber", "userid", from, "private_number", x).get("ResultCode").asInt()).isEqualTo(5000);
        assertThat(http.hub("UnBindAgentNumber", "userid", to, "private_number", x).get("ResultCode").asInt()).isEqualTo(2000);
    }

    @Test
    void cannotTransferToAnAgentWhoAlreadyHoldsANumber() {
        Http http = new Http(port);
        String fromPhone = TestData.realNumber();
        String from = agent(http, fromPhone);
        String to = agent(http, TestData.realNumber());
        String x = boundNumber(http, from);
        boundNumber(http, to);

        JsonNode answer = http.hub("TransferBindAccount", "userid", from, "tuserid", to, "private_number", x);
        assertThat(answer.get("ResultCode").asInt()).isEqualTo(5000);
        assertThat(answer.get("ResultMsg").asString()).isEqualTo("您存在绑定的小号,不能再绑定新的小号");
        assertThat(live(x).orElseThrow().a()).isEqualTo(fromPhone);
        assertThat(http.hub("TransferBindAccount", "userid", TestData.userId(), "tuserid", to).get("ResultMsg").asString())
                .startsWith("用户[").endsWith("]没有可转移的小号");
    }

    @Test
    void anAgentsNewPhoneIsFollowedByTheBindingsOnTheOldOne() {
        Http http = new Http(port);
        String oldPhone = TestData.realNumber();
        String user = agent(http, oldPhone);
        String x = boundNumber(http, user);
        String newPhone = TestData.realNumber();

        List<String> held = agentPhones.changePhone(new UserId(user), new PhoneNumber(newPhone), new PhoneNumber(oldPhone),
                "7", RequestContext.of(Channel.MESSAGE, "7"));
        assertThat(held).containsExactly(x);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(live(x).orElseThrow().a()).isEqualTo(newPhone));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                http.hub("QueryAgentNumbers", "userid", user).get("DataBody").get(0).get("ax_numA").asString()).isEqualTo(newPhone));
        assertThat(http.getRaw("/api/v1/agents/" + user).json().get("phone").asString()).isEqualTo(newPhone);

        // the same message again changes nothing
        int events = history(http, x).size();
        agentPhones.changePhone(new UserId(user), new PhoneNumber(newPhone), new PhoneNumber(oldPhone), "7",
                RequestContext.of(Channel.MESSAGE, "7"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> history(http, x).size() == events);
    }

    @Test
    void blacklistsReachTheListAndTheProvider() {
        Http http = new Http(port);
        String user = agent(http, TestData.realNumber());
        String x = boundNumber(http, user);
        String b = TestData.realNumber();

        BlacklistOperations.Outcome added = blacklists.apply(3, b, BlacklistOperations.Action.ADD, "74705", 0,
                RequestContext.of(Channel.MESSAGE, "74705"));
        assertThat(added.kind()).isEqualTo("B");
        // adding twice is not an error and changes nothing
        assertThat(blacklists.apply(3, b, BlacklistOperations.Action.ADD, "74705", 0,
                RequestContext.of(Channel.MESSAGE, "74705")).changed()).isFalse();
        blacklists.apply(3, x, BlacklistOperations.Action.ADD, "74705", 1, RequestContext.of(Channel.MESSAGE, "74705"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode list = http.getRaw("/api/v1/blacklist?platform=3&number=" + b).json();
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.get(0).get("kind").asString()).isEqualTo("B");
            assertThat(list.get(0).get("direction").asString()).isEqualTo("OUTBOUND");
            assertThat(http.getRaw("/api/v1/blacklist?number=" + x).json().get(0).get("kind").asString()).isEqualTo("X");
            assertThat(simulators.of(Platform.ALIYUN).blacklist()).anyMatch(e -> e.blackNo().equals(b))
                    .anyMatch(e -> e.blackNo().equals(x));
        });

        blacklists.apply(3, b, BlacklistOperations.Action.DELETE, "74705", 0, RequestContext.of(Channel.MESSAGE, "74705"));
        // deleting what is absent is fine too
        blacklists.apply(3, b, BlacklistOperations.Action.DELETE, "74705", 1, RequestContext.of(Channel.MESSAGE, "74705"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(http.getRaw("/api/v1/blacklist?number=" + b).json().size()).isZero();
            assertThat(simulators.of(Platform.ALIYUN).blacklist()).noneMatch(e -> e.blackNo().equals(b));
        });
    }

    private Optional<Subscription> live(String x) {
        return simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x)).findFirst();
    }

    private static List<JsonNode> history(Http http, String x) {
        return http.getRaw("/api/v1/numbers/" + x + "/history?size=1000").json().get("events").valueStream().toList();
    }
}
