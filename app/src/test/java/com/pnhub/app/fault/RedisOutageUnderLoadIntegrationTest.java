package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.query.operations.RedisHashGuard;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The machine's Redis, which keeps nothing on disk, is shut down in the middle of a legacy bind/unbind load and
 * started again empty: every command is answered 2000 throughout, and afterwards the legacy hash is complete
 * again (rebuilt from the event store by {@link RedisHashGuard}): the load's users have what number_view says,
 * every other field is back as it was before the outage. Needs the machine's Redis and redis-cli/redis-server.
 */
@IntegrationTest
class RedisOutageUnderLoadIntegrationTest extends IntegrationTestProperties {

    private static final long OUTAGE_MILLIS = 5_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisHashGuard guard;

    @Test
    void commandsKeepSucceedingAndTheHashIsRebuiltCompleteWhenRedisReturnsEmpty() throws Exception {
        Assumptions.assumeTrue(TestInfrastructure.get().redisReal(), "needs the machine's Redis");
        Assumptions.assumeTrue(Outages.executable("redis-cli") != null && Outages.executable("redis-server") != null,
                "redis-cli or redis-server not found");
        LegacyLoad load = new LegacyLoad(new Http(port), 12);
        long rebuildsBefore = guard.rebuilds();
        try {
            load.bindAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> hash().keySet().containsAll(load.users()));
            Map<String, String> before = hash();
            load.start(3, 50);
            LegacyLoad.sleep(1_500);

            long stoppedAt = System.currentTimeMillis();
            long startedAt;
            Outages.stopRedis();
            long healthMillis;
            Http.Response health;
            try {
                LegacyLoad.sleep(1_000);
                long asked = System.currentTimeMillis();
                health = new Http(port).getRaw("/actuator/health");
                healthMillis = System.currentTimeMillis() - asked;
                LegacyLoad.sleep(Math.max(0, OUTAGE_MILLIS - 1_000 - healthMillis));
            } finally {
                Outages.startRedis();   // whatever happens, the machine's Redis runs again
                startedAt = System.currentTimeMillis();
            }
            int fieldsAfterRestart = hash().size();
            LegacyLoad.sleep(1_500);
            List<LegacyLoad.Op> ops = load.stop();

            List<LegacyLoad.Op> failed = ops.stream().filter(o -> o.code() != 2000).toList();
            long duringOutage = ops.stream().filter(o -> o.startedAt() >= stoppedAt && o.startedAt() < startedAt).count();
            assertThat(failed).as("commands answered other than 2000").isEmpty();
            assertThat(duringOutage).as("commands answered while Redis was down").isPositive();
            // the health answers at once (Redis DOWN) instead of hanging on the command timeout
            assertThat(healthMillis).as("health answered in (ms): %s", health.body()).isLessThan(4_000);
            assertThat(health.body()).contains("\"redis\"");

            // complete: the load's users say what number_view says, every other field is back as it was (those of
            // other tests are compared with themselves: known gaps between the two projections are not this test's)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Map<String, String> hash = hash();
                assertThat(hash).containsAllEntriesOf(LegacyHash.expectedFromNumberView(jdbc, load.users()));
                Map<String, String> others = new TreeMap<>(before);
                load.users().forEach(others::remove);
                assertThat(hash).containsAllEntriesOf(others);
            });
            long completeAfter = System.currentTimeMillis() - startedAt;
            assertThat(hash().keySet()).containsAll(before.keySet());
            assertThat(fieldsAfterRestart).as("fields right after Redis came back (it keeps nothing)").isLessThan(before.size());
            assertThat(guard.lastRebuild()).as("the guard rebuilt the hash after Redis came back")
                    .hasValueSatisfying(at -> assertThat(at.toEpochMilli()).isGreaterThanOrEqualTo(stoppedAt));
            System.out.printf("FAULT-MEASURE redis outage: %d commands (%d during the %d ms outage), all 2000; %d of %d fields "
                            + "right after the restart; hash of %d users complete and equal to number_view %d ms after Redis "
                            + "started again (%d rebuilds, the last %d ms after the start); health during the outage: HTTP %d "
                            + "in %d ms%n",
                    ops.size(), duringOutage, startedAt - stoppedAt, fieldsAfterRestart, before.size(), hash().size(),
                    completeAfter, guard.rebuilds() - rebuildsBefore, guard.lastRebuild().orElseThrow().toEpochMilli() - startedAt,
                    health.status(), healthMillis);
        } finally {
            load.stop();
            Outages.startRedis();
        }
    }

    private Map<String, String> hash() {
        Map<String, String> h = new TreeMap<>();
        redis.<String, String>opsForHash().entries(TestInfrastructure.get().redisKey()).forEach(h::put);
        return h;
    }
}
