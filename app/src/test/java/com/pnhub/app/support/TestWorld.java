package com.pnhub.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The setting most integration tests start from, made through the real API: an agent, a bound number. */
public final class TestWorld {

    private TestWorld() {
    }

    /** A new agent with that phone (A). @return the user id */
    public static String agent(Http http, String phone) {
        String user = TestData.userId();
        Http.Response r = http.method("PUT", "/api/v1/agents/" + user, Http.toJson(Map.of("name", "代理" + user, "phone", phone)));
        assertThat(r.status()).isEqualTo(200);
        return user;
    }

    /** A new number of platform 3 (pool 17), bound to the agent with the legacy #1. @return X */
    public static String boundNumber(Http http, String user) {
        String x = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", x, "platform", 3, "poolId", 17, "regionId", 1))));
        JsonNode bound = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", x);
        assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
        return x;
    }

    /**
     * Starts a reconciliation run (retrying while another is under way) and waits for its end.
     *
     * @param pool the pool it is limited to; null: all
     * @return the run as {@code GET /api/v1/reconciliation/runs/{id}} answers it
     */
    public static JsonNode reconciliationRun(Http http, boolean dryRun, Long pool) {
        String path = "/api/v1/reconciliation/runs?dryRun=" + dryRun + (pool == null ? "" : "&poolId=" + pool);
        long[] id = new long[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response started = http.method("POST", path, null);
            if (started.status() == 202) {
                id[0] = started.json().get("runId").asLong();
                return true;
            }
            assertThat(started.status()).as(started.body()).isEqualTo(409);
            return false;
        });
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response r = http.get("/api/v1/reconciliation/runs/" + id[0], Map.of());
            assertThat(r.status()).isEqualTo(200);
            run[0] = r.json();
            return !"RUNNING".equals(r.json().get("status").asString());
        });
        return run[0];
    }

    /** Every segment of every projection has processed up to the newest event in the store. */
    public static void awaitProjectionsCaughtUp(Http http, JdbcTemplate jdbc) {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(200)).until(() -> {
            JsonNode status = http.getRaw("/api/v1/admin/projections").json();
            return status.valueStream().allMatch(p -> p.get("running").asBoolean() && p.get("segments").size() > 0
                    && p.get("segments").valueStream().allMatch(s -> s.get("position").isNumber()
                            && s.get("position").asLong() >= head));
        });
    }
}
