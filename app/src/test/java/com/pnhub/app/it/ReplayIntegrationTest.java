package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A replay rebuilds both read models from the event store and gets the very same rows. */
@IntegrationTest
class ReplayIntegrationTest extends IntegrationTestProperties {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void replayRebuildsTheSameReadModels() {
        Http http = new Http(port);
        // a little history: bound, unbound-but-assigned, released, a changed A, a refused state
        List<String> users = List.of(TestData.userId(), TestData.userId(), TestData.userId());
        List<String> numbers = List.of(TestData.virtualNumber(), TestData.virtualNumber(), TestData.virtualNumber());
        for (int i = 0; i < 3; i++) {
            http.method("PUT", "/api/v1/agents/" + users.get(i), Http.toJson(Map.of("name", "回放" + i, "phone", TestData.realNumber())));
            http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                    Map.of("number", numbers.get(i), "platform", 3, "poolId", 17, "regionId", 1))));
            ok(http.hub("BindAxNumber", "userid", users.get(i), "regionid", "1", "private_number", numbers.get(i)));
        }
        ok(http.hub("UnBindAgentNumber", "userid", users.get(1), "private_number", numbers.get(1)));
        ok(http.hub("ReleaseTelX", "userId", users.get(2), "private_number", numbers.get(2)));
        ok(http.hub("UpdateNumberState", "private_number", numbers.get(2), "state", "1"));
        TestWorld.awaitProjectionsCaughtUp(http, jdbc);

        List<Map<String, Object>> numberRows = jdbc.queryForList("SELECT * FROM number_view ORDER BY number");
        List<Map<String, Object>> agentRows = jdbc.queryForList("SELECT * FROM agent_view ORDER BY user_id");
        Map<Object, Object> hash = new TreeMap<>(redis.opsForHash().entries(TestInfrastructure.get().redisKey()));
        assertThat(numberRows).isNotEmpty();
        assertThat(hash).containsKey(users.get(0)).containsKey(users.get(1)).doesNotContainKey(users.get(2));

        // damage both read models, so that only a real rebuild can bring the rows back
        jdbc.update("UPDATE number_view SET bind_state = 'FAULT', user_id = NULL");
        jdbc.update("DELETE FROM agent_view");
        redis.delete(TestInfrastructure.get().redisKey());

        assertThat(http.method("POST", "/api/v1/admin/projections/number-view/replay", null).status()).isEqualTo(202);
        assertThat(http.method("POST", "/api/v1/admin/projections/redis-user-axs/replay", null).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT * FROM number_view ORDER BY number")).isEqualTo(numberRows);
            assertThat(jdbc.queryForList("SELECT * FROM agent_view ORDER BY user_id")).isEqualTo(agentRows);
            assertThat(new TreeMap<>(redis.opsForHash().entries(TestInfrastructure.get().redisKey()))).isEqualTo(hash);
        });
    }

    private static void ok(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }
}
