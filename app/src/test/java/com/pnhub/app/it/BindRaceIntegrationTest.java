package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.simulator.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * 绑号锁: a number is never handed to two people, and a user never gets two normal numbers, however
 * the requests race. Each race starts its callers together behind a latch.
 */
@IntegrationTest
class BindRaceIntegrationTest extends IntegrationTestProperties {

    private static final int RACERS = 8;

    @LocalServerPort
    int port;
    @Autowired
    ProviderSimulators simulators;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void exactlyOneOfConcurrentBindsOfOneNumberWins() throws Exception {
        Http http = new Http(port);
        String x = TestData.virtualNumber();
        register(http, 3, 17, List.of(x));
        List<String> users = IntStream.range(0, RACERS).mapToObj(i -> agent(http)).toList();

        List<JsonNode> answers = race(users.stream().<Callable<JsonNode>>map(u ->
                () -> http.hub("BindAxNumber", "userid", u, "regionid", "1", "private_number", x)).toList());

        List<JsonNode> winners = answers.stream().filter(a -> a.get("ResultCode").asInt() == 2000).toList();
        assertThat(winners).hasSize(1);
        assertThat(answers.stream().filter(a -> a.get("ResultCode").asInt() == 5000)
                .map(a -> a.get("ResultMsg").asString()))
                .hasSize(RACERS - 1)
                .allMatch(m -> m.equals("号码[" + x + "]已分配给其他用户") || m.equals("号码[" + x + "]正在处理中,请稍后再试"));
        assertThat(simulators.of(Platform.ALIYUN).subscriptions().stream().filter(s -> s.x().equals(x))).hasSize(1);
        Integer holders = jdbc.queryForObject("SELECT count(*) FROM number_lookup WHERE number = ? AND holder IS NOT NULL",
                Integer.class, x);
        assertThat(holders).isEqualTo(1);
    }

    @Test
    void aUserGetsAtMostOneNumberWhenBindsByPlatformRace() throws Exception {
        Http http = new Http(port);
        List<String> pool = IntStream.range(0, RACERS).mapToObj(i -> TestData.virtualNumber()).toList();
        register(http, 2, 12, pool);
        String user = agent(http);

        List<JsonNode> answers = race(IntStream.range(0, RACERS).<Callable<JsonNode>>mapToObj(i ->
                () -> http.userPrivacy("BindAxByplatform", "userId", user, "platformID", "2")).toList());

        assertThat(answers.stream().filter(a -> a.get("ResultCode").asInt() == 2000)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.get("ResultCode").asInt() == 5000))
                .allMatch(a -> a.get("ResultMsg").asString().equals("您存在绑定的小号,不能再绑定新的小号")
                        && !a.get("DataBody").get(0).asBoolean());
        List<Subscription> subs = simulators.of(Platform.JIUYUN).subscriptions().stream()
                .filter(s -> pool.contains(s.x())).toList();
        assertThat(subs).hasSize(1);
        Integer held = jdbc.queryForObject("SELECT count(*) FROM number_lookup WHERE holder = ?", Integer.class, user);
        assertThat(held).isEqualTo(1);
    }

    @Test
    void aSmallPoolIsNeverHandedOutTwice() throws Exception {
        Http http = new Http(port);
        int poolSize = 5;
        // platform 1 is used by this test alone, so the pool is exactly these numbers
        List<String> pool = IntStream.range(0, poolSize).mapToObj(i -> TestData.virtualNumber()).toList();
        register(http, 1, 11, pool);
        List<String> users = IntStream.range(0, poolSize * 2).mapToObj(i -> agent(http)).toList();

        List<JsonNode> answers = race(users.stream().<Callable<JsonNode>>map(u ->
                () -> http.userPrivacy("BindAxByplatform", "userId", u, "platformID", "1")).toList());

        List<String> allocated = answers.stream().filter(a -> a.get("ResultCode").asInt() == 2000)
                .map(a -> a.get("ResultMsg").asString().substring("小号分配成功:".length())).toList();
        assertThat(allocated).hasSize(poolSize).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pool);
        assertThat(answers.stream().filter(a -> a.get("ResultCode").asInt() == 5000))
                .allMatch(a -> a.get("ResultMsg").asString().equals("平台[1]没有可用的小号"));
        Set<String> providerSide = new HashSet<>();
        simulators.of(Platform.DONGXIN).subscriptions().forEach(s -> assertThat(providerSide.add(s.x())).isTrue());
        assertThat(providerSide).containsExactlyInAnyOrderElementsOf(pool);
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String agent(Http http) {
        String user = TestData.userId();
        Http.Response r = http.method("PUT", "/api/v1/agents/" + user,
                Http.toJson(Map.of("name", "竞争者", "phone", TestData.realNumber())));
        assertThat(r.status()).isEqualTo(200);
        return user;
    }

    private static void register(Http http, int platform, long poolId, List<String> numbers) {
        List<Map<String, Object>> items = numbers.stream()
                .map(n -> Map.<String, Object>of("number", n, "platform", platform, "poolId", poolId, "regionId", 1))
                .toList();
        Http.Response r = http.method("POST", "/api/v1/numbers", Http.toJson(items));
        assertThat(r.json().valueStream().map(n -> n.get("status").asString())).allMatch("registered"::equals);
    }
}
