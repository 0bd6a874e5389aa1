package com.pnhub.app.it;

import static com.pnhub.app.support.TestWorld.agent;
import static com.pnhub.app.support.TestWorld.boundNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.command.gateway.PersonalDataLookups;
import com.pnhub.query.privacy.ReadModelPersonalData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The erasure ports of both sides (issue 15) over read models and lookups that real requests filled: an agent's and a
 * customer's phones are gone from every cell after the scrubs, other people's rows keep theirs, the legacy hash has no
 * trace, and the command side says whether the agent still holds a number.
 */
@IntegrationTest
class PersonalDataScrubIntegrationTest extends IntegrationTestProperties {

    private static final String ERASED = PersonalData.ERASED;
    /** Every phone cell of both sides' tables (blacklists apart, which keep B on purpose). */
    private static final List<String> PHONE_CELLS = List.of("agent_view.phone", "number_view.phone_a",
            "binding_interval.phone_a", "xb_interval.phone_a", "xb_interval.phone_b", "agent_lookup.phone");

    @LocalServerPort
    int port;
    @Autowired
    ReadModelPersonalData readModels;
    @Autowired
    PersonalDataLookups lookups;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void canScrubAnAgentAndItsCustomerEverywhereWhileOthersKeepTheirs() {
        Http http = new Http(port);
        String phoneA = TestData.realNumber();
        String user = agent(http, phoneA);
        String otherPhone = TestData.realNumber();
        String other = agent(http, otherPhone);
        String otherX = boundNumber(http, other);
        String x = boundNumber(http, user);
        assertThat(lookups.holdsNumbers(user)).isTrue();

        // a customer binding that lives two seconds and then ends at the provider
        String b = TestData.realNumber();
        ok(getCallNumber(http, user, b, "2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> readModels.liveCustomerBindingUntil(b).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> readModels.liveCustomerBindingUntil(b).isEmpty());
        assertThat(count("xb_interval", "phone_b", b)).isEqualTo(1);
        // a pushed call record that could not be recorded keeps A and B raw
        String callId = "erasure-" + TestData.userId();
        Http.Response rejected = http.method("POST", TestInfrastructure.get().callbackPath(), Http.toJson(List.of(
                Map.of("call_id", callId, "secret_no", x, "phone_no", phoneA, "peer_no", b, "call_time", "yesterday"))));
        assertThat(rejected.json().get("rejected").asInt()).isEqualTo(1);

        // an unbind keeps the number the agent's (ADR 0001); a release gives it up
        ok(http.hub("UnBindAgentNumber", "userid", user, "private_number", x));
        assertThat(lookups.holdsNumbers(user)).isTrue();
        ok(http.hub("ReleaseTelX", "userId", user, "private_number", x));
        assertThat(lookups.holdsNumbers(user)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT user_id IS NULL FROM number_view WHERE number = ?", Boolean.class, x)
                && !redis.opsForHash().hasKey(hashKey(), user)
                && count("binding_interval", "phone_a", phoneA) > 0
                && jdbc.queryForObject("SELECT count(*) FROM binding_interval WHERE number = ? AND valid_to IS NULL",
                Integer.class, x) == 0);
        // as a redis-user-axs batch still catching up would have left it
        redis.opsForHash().put(hashKey(), user, "{\"xNumber\":\"" + x + "\",\"bindType\":0}");

        Set<String> phones = new LinkedHashSet<>(readModels.agentPhones(user));
        phones.addAll(lookups.agentPhones(user));
        assertThat(phones).containsExactly(phoneA);
        assertThat(lookups.otherAgentsWith(user, phones)).isEmpty();

        long readModelCells = readModels.scrubAgent(user, phones);
        long lookupCells = lookups.scrubAgent(user, phones);
        // agent_view's name and phone, the one binding period, xb_interval's A, the hash field (number_view let A go at the unbind)
        assertThat(readModelCells).isEqualTo(5);
        // agent_lookup name and phone, the rejected record
        assertThat(lookupCells).isEqualTo(3);

        for (String cell : PHONE_CELLS) {
            assertThat(count(cell, phoneA)).as(cell).isZero();
        }
        assertThat(jdbc.queryForMap("SELECT name, phone FROM agent_view WHERE user_id = ?", user))
                .containsValues(ERASED, ERASED);
        assertThat(jdbc.queryForMap("SELECT name, phone FROM agent_lookup WHERE user_id = ?", user))
                .containsValues(ERASED, ERASED);
        assertThat(jdbc.queryForList("SELECT phone_a FROM binding_interval WHERE user_id = ?", String.class, user))
                .isNotEmpty().containsOnly(ERASED);
        assertThat(jdbc.queryForList("SELECT phone_a FROM xb_interval WHERE user_id = ?", String.class, user))
                .containsExactly(ERASED);
        assertThat(rejectedRecord(callId)).doesNotContain(phoneA).contains(ERASED);
        assertNoTraceInTheHash(user, phoneA);
        assertThat(readModels.agentPhones(user)).isEmpty();
        assertThat(lookups.agentPhones(user)).isEmpty();
        // a second pass finds nothing left
        assertThat(readModels.scrubAgent(user, phones)).isZero();
        assertThat(lookups.scrubAgent(user, phones)).isZero();

        // the other agent's rows keep their phone
        assertThat(jdbc.queryForObject("SELECT phone FROM agent_view WHERE user_id = ?", String.class, other)).isEqualTo(otherPhone);
        assertThat(jdbc.queryForObject("SELECT name FROM agent_view WHERE user_id = ?", String.class, other)).isNotEqualTo(ERASED);
        assertThat(jdbc.queryForObject("SELECT phone FROM agent_lookup WHERE user_id = ?", String.class, other)).isEqualTo(otherPhone);
        assertThat(jdbc.queryForObject("SELECT phone_a FROM number_view WHERE number = ?", String.class, otherX)).isEqualTo(otherPhone);
        assertThat(count("binding_interval.phone_a", otherPhone)).isPositive();
        assertThat(redis.opsForHash().hasKey(hashKey(), other)).isTrue();

        // an erased A is no A: a new binding of the agent is refused, nothing reaches the provider with "erased"
        String newX = TestData.virtualNumber();
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(Map.of("number", newX, "platform", 3, "poolId", 17, "regionId", 1))));
        JsonNode refused = http.hub("BindAxNumber", "userid", user, "regionid", "1", "private_number", newX);
        assertThat(refused.get("ResultCode").asInt()).as(refused.toString()).isEqualTo(5000);
        assertThat(refused.get("ResultMsg").asString()).contains("没有登记手机号");

        // the customer: its B in the read model and in the rejected record
        assertThat(readModels.scrubCustomer(b)).isEqualTo(1);
        assertThat(lookups.scrubCustomer(b)).isEqualTo(1);
        for (String cell : PHONE_CELLS) {
            assertThat(count(cell, b)).as(cell).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT phone_b FROM xb_interval WHERE user_id = ?", String.class, user)).isEqualTo(ERASED);
        assertThat(rejectedRecord(callId)).doesNotContain(b);
        assertThat(readModels.scrubCustomer(b)).isZero();
        assertThat(lookups.scrubCustomer(b)).isZero();
    }

    @Test
    void cannotScrubTheNewHoldersPhoneFromANumberTheAgentTransferred() {
        Http http = new Http(port);
        String phoneA = TestData.realNumber();
        String user = agent(http, phoneA);
        String otherPhone = TestData.realNumber();
        String other = agent(http, otherPhone);
        String x = boundNumber(http, user);
        ok(http.hub("TransferBindAccount", "userid", user, "tuserid", other));
        assertThat(lookups.holdsNumbers(user)).isFalse();
        assertThat(lookups.holdsNumbers(other)).isTrue();
        // number_view keeps the giver in user_id, the receiver in tuser_id, and the receiver's A
        await().atMost(Duration.ofSeconds(10)).until(() -> otherPhone.equals(jdbc.queryForObject(
                "SELECT phone_a FROM number_view WHERE number = ? AND tuser_id = ?", String.class, x, other))
                && count("binding_interval.phone_a", otherPhone) == 1);

        Set<String> phones = readModels.agentPhones(user);
        assertThat(phones).containsExactly(phoneA);
        readModels.scrubAgent(user, phones);
        lookups.scrubAgent(user, phones);

        assertThat(jdbc.queryForMap("SELECT user_id, tuser_id, phone_a FROM number_view WHERE number = ?", x))
                .containsEntry("user_id", user).containsEntry("tuser_id", other).containsEntry("phone_a", otherPhone);
        assertThat(jdbc.queryForList("SELECT user_id || ':' || phone_a FROM binding_interval WHERE number = ? ORDER BY seq_from",
                String.class, x)).containsExactly(user + ":" + ERASED, other + ":" + otherPhone);
        assertThat(readModels.agentPhones(other)).containsExactly(otherPhone);
        assertThat(lookups.agentPhones(other)).containsExactly(otherPhone);
        for (String cell : PHONE_CELLS) {
            assertThat(count(cell, phoneA)).as(cell).isZero();
        }
    }

    @Test
    void cannotScrubABlacklistedCustomerFromTheBlacklists() {
        Http http = new Http(port);
        String user = agent(http, TestData.realNumber());
        boundNumber(http, user);
        String b = TestData.realNumber();
        ok(getCallNumber(http, user, b, "120"));
        await().atMost(Duration.ofSeconds(10)).until(() -> readModels.liveCustomerBindingUntil(b).isPresent());
        assertThat(readModels.liveCustomerBindingUntil(TestData.realNumber())).isEmpty();
        assertThat(http.method("POST", Http.HUB + "SetBlackNumber", "{\"platId\":3,\"private_number\":\"" + b
                + "\",\"action\":\"add\",\"userid\":\"74705\",\"type\":0}").body()).contains("\"ResultCode\":2000");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("blacklist_view.number", b) == 1);

        assertThat(readModels.scrubCustomer(b)).isEqualTo(1);
        assertThat(lookups.scrubCustomer(b)).isZero();

        assertThat(count("xb_interval.phone_b", b)).isZero();
        assertThat(lookups.blacklistedOn(b)).containsExactly(3);
        assertThat(count("blacklist_lookup.number", b)).isEqualTo(1);
        assertThat(count("blacklist_view.number", b)).isEqualTo(1);
    }

    private String hashKey() {
        return TestInfrastructure.get().redisKey();
    }

    private void assertNoTraceInTheHash(String user, String phone) {
        Map<Object, Object> hash = new LinkedHashMap<>(redis.opsForHash().entries(hashKey()));
        assertThat(hash).doesNotContainKey(user);
        hash.forEach((field, value) -> {
            assertThat(String.valueOf(field)).doesNotContain(phone);
            assertThat(String.valueOf(value)).doesNotContain(phone);
        });
    }

    private String rejectedRecord(String callId) {
        byte[] record = jdbc.queryForObject("SELECT record FROM call_record_rejected WHERE call_id = ?", byte[].class, callId);
        String reason = jdbc.queryForObject("SELECT reason FROM call_record_rejected WHERE call_id = ?", String.class, callId);
        return reason + " " + new String(record, StandardCharsets.UTF_8);
    }

    /** Rows whose {@code table.column} is the value. */
    private int count(String cell, String value) {
        String[] tc = cell.split("\\.");
        return count(tc[0], tc[1], value);
    }

    private int count(String table, String column, String value) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }

    private static JsonNode getCallNumber(Http http, String user, String b, String expiration) {
        return http.hub("GetCallNumber", "xbid", "0", "userid", user, "Mapclassid", "3", "Mapid", "880013",
                "Contactmapclassid", "0", "Contactid", "0", "Mobile", b, "expiration", expiration);
    }

    private static void ok(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }
}
