package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The consistency check finds nothing wrong with read models that followed the events, and names each
 * row that was damaged behind the projections' back. The damage is undone at the end: other test
 * classes share the database.
 */
@IntegrationTest
class ConsistencyCheckIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void reportsEveryDamagedRowAndNothingElseOfOurs() {
        Http http = new Http(port);
        String bound = TestData.virtualNumber();
        String unbound = TestData.virtualNumber();
        String userBound = TestData.userId();
        String userUnbound = TestData.userId();
        for (String user : List.of(userBound, userUnbound)) {
            http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "核对", "phone", TestData.realNumber())));
        }
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", bound, "platform", 3, "poolId", 17, "regionId", 1),
                Map.of("number", unbound, "platform", 3, "poolId", 17, "regionId", 1))));
        ok(http.hub("BindAxNumber", "userid", userBound, "regionid", "1", "private_number", bound));
        ok(http.hub("BindAxNumber", "userid", userUnbound, "regionid", "1", "private_number", unbound));
        ok(http.hub("UnBindAgentNumber", "userid", userUnbound, "private_number", unbound));
        Set<String> ours = Set.of(bound, unbound, userBound, userUnbound);

        JsonNode clean = check(http);
        assertThat(clean.get("caughtUp").asBoolean()).isTrue();
        assertThat(clean.get("checkedNumbers").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(differencesOf(clean, ours)).isEmpty();

        Map<String, Object> row = jdbc.queryForMap("SELECT bind_state, subs_id FROM number_view WHERE number = ?", bound);
        String redisValue = String.valueOf(redis.opsForHash().get(key(), userUnbound));
        String agentPhone = jdbc.queryForObject("SELECT phone FROM agent_view WHERE user_id = ?", String.class, userBound);
        try {
            jdbc.update("UPDATE number_view SET bind_state = 'BINDING', subs_id = 'lost' WHERE number = ?", bound);
            redis.opsForHash().delete(key(), userUnbound);
            jdbc.update("UPDATE agent_view SET phone = NULL WHERE user_id = ?", userBound);

            JsonNode damaged = check(http);
            assertThat(damaged.get("consistent").asBoolean()).isFalse();
            assertThat(differencesOf(damaged, ours)).containsExactlyInAnyOrder(
                    "number_view.bindState " + bound + " BOUND→BINDING",
                    "number_view.subsId " + bound + " " + row.get("subs_id") + "→lost",
                    "redis " + userUnbound + " " + redisValue + "→null",
                    "agent_view " + userBound + " " + agent(jdbc, userBound, agentPhone) + "→" + agent(jdbc, userBound, null));
        } finally {
            jdbc.update("UPDATE number_view SET bind_state = ?, subs_id = ? WHERE number = ?", row.get("bind_state"), row.get("subs_id"), bound);
            redis.opsForHash().put(key(), userUnbound, redisValue);
            jdbc.update("UPDATE agent_view SET phone = ? WHERE user_id = ?", agentPhone, userBound);
        }
        assertThat(differencesOf(check(http), ours)).isEmpty();
    }

    private static JsonNode check(Http http) {
        Http.Response r = http.getRaw("/api/v1/admin/consistency?waitSeconds=30");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** "kind key expected→actual" for the differences about our own numbers and users. */
    private static List<String> differencesOf(JsonNode report, Set<String> keys) {
        return report.get("differences").valueStream().filter(d -> keys.contains(d.get("key").asString()))
                .map(d -> d.get("kind").asString() + " " + d.get("key").asString() + " " + text(d.get("expected")) + "→" + text(d.get("actual")))
                .collect(Collectors.toList());
    }

    private static String agent(JdbcTemplate jdbc, String user, String phone) {
        String name = jdbc.queryForObject("SELECT name FROM agent_view WHERE user_id = ?", String.class, user);
        return "{\"name\":\"" + name + "\",\"phone\":" + (phone == null ? "null" : "\"" + phone + "\"") + "}";
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "null" : n.isString() ? n.asString() : n.toString();
    }

    private static String key() {
        return TestInfrastructure.get().redisKey();
    }

    private static void ok(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }
}
