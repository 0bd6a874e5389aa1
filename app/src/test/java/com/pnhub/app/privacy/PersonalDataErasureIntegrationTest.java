package com.pnhub.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.values.Platform;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.TestWorld;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.simulator.ProviderSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's done test: an agent and two customers bind, call and expire; one customer is erased on request, the other
 * by the retention, the agent once it holds no number. Then no byte of their numbers is readable anywhere the service
 * keeps data (every table of the database, bytea columns included, and every Redis key), also after the read models
 * were rebuilt by a replay, while the legacy API keeps answering for everyone else.
 */
@IntegrationTest
class PersonalDataErasureIntegrationTest extends IntegrationTestProperties {

    static final long HOUSE = 880012L;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    Snapshotter snapshotter;
    @Autowired
    PersonalDataErasures erasures;

    @Test
    void canEraseAnAgentAndCustomersSoThatNoCopyOfTheirNumbersRemainsReadable() {
        Http http = new Http(port);
        ProviderSimulator sim = simulators.of(Platform.ALIYUN);
        String phoneA = TestData.realNumber();
        String user = TestWorld.agent(http, phoneA);
        String x = TestWorld.boundNumber(http, user);
        String b1 = TestData.realNumber();
        String b2 = TestData.realNumber();
        try {
            sim.setCallReportReceiver("http://127.0.0.1:" + port + TestInfrastructure.get().callbackPath());
            for (String b : List.of(b1, b2)) {
                JsonNode bound = getCallNumber(http, user, b, "4");
                assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
            }
            // a snapshot taken while both customer bindings live holds A and both Bs
            snapshotter.scheduleSnapshot(PrivateNumber.class, x);
            sim.placeCall(b1, x, 42);
            sim.placeCall(b2, x, 7);
            await().atMost(Duration.ofSeconds(15)).until(() -> count(x, "CallRecordedEvent") == 2
                    && count(x, "XbUnboundEvent") == 2);
        } finally {
            sim.setCallReportReceiver(null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, x) > 0);

        // encrypted at rest from the start: the event store, snapshots and sagas never held the numbers in clear
        for (String phone : List.of(phoneA, b1, b2)) {
            assertThat(readableIn(phone, List.of("domain_event_entry", "snapshot_event_entry", "saga_entry",
                    "association_value_entry", "dead_letter_entry"))).as(PhoneMask.number(phone)).isEmpty();
        }
        // while the read models (the legacy answers need them) do
        assertThat(readableIn(phoneA, allTables())).isNotEmpty();
        assertThat(readableIn(b1, allTables())).isNotEmpty();

        // an agent holding a number cannot be erased
        Http.Response refused = http.method("POST", "/api/v1/privacy/erasures",
                Http.toJson(Map.of("subject", "AGENT", "userId", user)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains(user).contains("holds numbers");
        // an unbind keeps the number the agent's (ADR 0001); a release gives it back to the pool
        JsonNode released = http.hub("ReleaseTelX", "userId", user, "private_number", x);
        assertThat(released.get("ResultCode").asInt()).as(released.toString()).isEqualTo(2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM number_view WHERE number = ? AND user_id IS NULL", Long.class, x) == 1);

        Http.Response customer = http.method("POST", "/api/v1/privacy/erasures",
                Http.toJson(Map.of("subject", "CUSTOMER", "phone", b1)));
        assertThat(customer.status()).as(customer.body()).isEqualTo(201);
        assertThat(customer.json().get("keysDestroyed").asInt()).isEqualTo(1);
        assertThat(customer.body()).doesNotContain(b1);
        Http.Response agent = http.method("POST", "/api/v1/privacy/erasures",
                Http.toJson(Map.of("subject", "AGENT", "userId", user)));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        assertThat(agent.json().get("keysDestroyed").asInt()).as("the phone's key and the agent's own (its name)").isEqualTo(2);
        // the retention: b2's key was last used at its expiry and call, before this cutoff
        Instant cutoff = Instant.now().plusSeconds(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(cutoff));
        List<PersonalDataErasures.Erasure> shredded = erasures.shredCustomersUnusedSince(cutoff, 10_000);
        assertThat(shredded).extracting(PersonalDataErasures.Erasure::reason).containsOnly("RETENTION");

        for (String phone : List.of(phoneA, b1, b2)) {
            assertThat(readableIn(phone, allTables())).as(PhoneMask.number(phone) + " in the database").isEmpty();
            assertThat(readableInRedis(phone)).as(PhoneMask.number(phone) + " in Redis").isEmpty();
        }
        // history and point-in-time answers show the number as erased
        JsonNode history = http.getRaw("/api/v1/numbers/" + x + "/history?page=0&size=100").json();
        assertThat(history.toString()).doesNotContain(phoneA).doesNotContain(b1).doesNotContain(b2).contains("erased");
        // the erasures are listed and are events, without the numbers
        Http.Response listed = http.getRaw("/api/v1/privacy/erasures?limit=1000");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(customer.json().get("erasureId").asString())
                .contains(agent.json().get("erasureId").asString()).doesNotContain(b1).doesNotContain(phoneA);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?", Long.class,
                "com.pnhub.api.privacy.PersonalDataErasedEvent")).isGreaterThanOrEqualTo(3);

        // replays still work and produce the erased form
        for (String projection : List.of("number-view", "binding-intervals", "redis-user-axs")) {
            assertThat(http.method("POST", "/api/v1/admin/projections/" + projection + "/replay", null).status())
                    .as(projection).isEqualTo(202);
        }
        TestWorld.awaitProjectionsCaughtUp(http, jdbc);
        for (String phone : List.of(phoneA, b1, b2)) {
            assertThat(readableIn(phone, allTables())).as(PhoneMask.number(phone) + " after the replay").isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM binding_interval WHERE number = ? AND user_id = ? AND phone_a = 'erased'", Long.class,
                x, user)).isPositive());

        // everyone else is served as before
        String other = TestData.realNumber();
        String otherUser = TestWorld.agent(http, other);
        String otherX = TestWorld.boundNumber(http, otherUser);
        JsonNode answer = http.hub("QueryAgentNumbers", "userid", otherUser);
        assertThat(answer.get("ResultCode").asInt()).as(answer.toString()).isEqualTo(2000);
        assertThat(answer.toString()).contains(otherX);
        JsonNode otherBinding = getCallNumber(http, otherUser, TestData.realNumber(), "60");
        assertThat(otherBinding.get("ResultCode").asInt()).as(otherBinding.toString()).isEqualTo(2000);
    }

    @Test
    void cannotEraseACustomerWhoseBindingLivesNorWithoutASubject() {
        Http http = new Http(port);
        String user = TestWorld.agent(http, TestData.realNumber());
        TestWorld.boundNumber(http, user);
        String b = TestData.realNumber();
        assertThat(getCallNumber(http, user, b, "300").get("ResultCode").asInt()).isEqualTo(2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM xb_interval WHERE phone_b = ?", Long.class, b) > 0);
        Http.Response live = http.method("POST", "/api/v1/privacy/erasures", Http.toJson(Map.of("subject", "CUSTOMER", "phone", b)));
        assertThat(live.status()).as(live.body()).isEqualTo(409);
        assertThat(live.body()).contains("customer binding").doesNotContain(b);
        assertThat(http.method("POST", "/api/v1/privacy/erasures", "{\"phone\":\"" + b + "\"}").status()).isEqualTo(400);
        assertThat(http.method("POST", "/api/v1/privacy/erasures", "{\"subject\":\"CUSTOMER\",\"phone\":\"12\"}").status())
                .isEqualTo(400);
        assertThat(Http.as(port, "operator", com.pnhub.app.security.Role.OPERATOR)
                .method("POST", "/api/v1/privacy/erasures", Http.toJson(Map.of("subject", "CUSTOMER", "phone", b))).status())
                .as("admin only").isEqualTo(403);
    }

    private JsonNode getCallNumber(Http http, String user, String b, String expiration) {
        return http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", String.valueOf(HOUSE),
                "Contactmapclassid", "0", "Contactid", "0", "Mobile", b, "expiration", expiration);
    }

    private long count(String x, String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE (aggregate_identifier = ?"
                + " OR aggregate_identifier IN (SELECT call_key FROM call_number_index WHERE number = ?)) AND payload_type LIKE ?",
                Long.class, x, x, "%." + eventType);
    }

    private List<String> allTables() {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name", String.class);
    }

    /** "table.column" of every cell holding {@code digits}: text of any column, bytes of bytea columns. */
    private List<String> readableIn(String digits, List<String> tables) {
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            List<Map<String, Object>> columns = jdbc.queryForList("SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ?", table);
            for (Map<String, Object> column : columns) {
                String name = "\"" + column.get("column_name") + "\"";
                String condition = "bytea".equals(column.get("data_type"))
                        ? "position(convert_to(?, 'UTF8') in " + name + ") > 0"
                        : "strpos(" + name + "::text, ?) > 0";
                Long hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + condition, Long.class, digits);
                if (hits != null && hits > 0) {
                    found.add(table + "." + column.get("column_name") + " (" + hits + ")");
                }
            }
        }
        return found;
    }

    /** Every key of the Redis database whose name or value holds {@code digits}. */
    private List<String> readableInRedis(String digits) {
        List<String> found = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                String type = redis.type(key).code();
                String dump = switch (type) {
                    case "string" -> redis.opsForValue().get(key);
                    case "hash" -> redis.opsForHash().entries(key).toString();
                    case "list" -> String.valueOf(redis.opsForList().range(key, 0, -1));
                    case "set" -> String.valueOf(redis.opsForSet().members(key));
                    case "zset" -> String.valueOf(redis.opsForZSet().range(key, 0, -1));
                    default -> "";
                };
                if (key.contains(digits) || (dump != null && dump.contains(digits))) {
                    found.add(key);
                }
            }
        }
        return found;
    }
}
