package com.pnhub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
}
