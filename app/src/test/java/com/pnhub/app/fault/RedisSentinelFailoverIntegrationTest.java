package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.query.operations.ConsistencyCheck;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service runs against a Redis primary, two replicas and a sentinel of this test's own, configured only through
 * {@code spring.data.redis.sentinel.*}. Under a legacy bind/unbind load the primary is killed (SIGKILL, what it had not
 * replicated yet is gone): the sentinel promotes the replica, Lettuce finds it through the sentinel, every command is
 * still answered 2000, and afterwards the hash on the new primary, read the way MIS reads it (HGET per user), holds
 * every bound user's number as number_view says, and the consistency check finds no difference in it. The test
 * records how long the failover took and what failed during it (FAULT-MEASURE line). With no replica left, a write
 * that no replica acknowledged holds the projection's token until a new replica joins
 * ({@code pnhub.redis.replicas-to-wait-for}).
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisSentinelFailoverIntegrationTest extends OwnRedisIntegrationTestBase {

    private static final String MASTER = "pnhub-it";
    private static final long DOWN_AFTER_MILLIS = 1_000;
    private static RedisProcesses redisProcesses;
    private static RedisProcesses.Server primary;
    private static List<RedisProcesses.Server> replicas;
    private static RedisProcesses.Server sentinel;
    private static final RedisClient client = RedisClient.create();

    @DynamicPropertySource
    static void sentinel(DynamicPropertyRegistry registry) {
        if (!RedisProcesses.available()) {
            return;
        }
        ownDatabase(registry, "redis_sentinel");
        redisProcesses = new RedisProcesses();
        primary = redisProcesses.server("primary");
        replicas = List.of(
                redisProcesses.server("replica-1", "--replicaof", "127.0.0.1", Integer.toString(primary.port())),
                redisProcesses.server("replica-2", "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        sentinel = redisProcesses.sentinel(MASTER, primary, DOWN_AFTER_MILLIS);
        registry.add("spring.data.redis.sentinel.master", () -> MASTER);
        registry.add("spring.data.redis.sentinel.nodes", sentinel::address);
        // a batch counts as written once a replica has it, so the kill cannot take a write the token has passed
        registry.add("pnhub.redis.replicas-to-wait-for", () -> "1");
    }

    @AfterAll
    static void stopRedis() {
        client.shutdown();
        if (redisProcesses != null) {
            redisProcesses.close();
        }
    }

    @Test
    void aKilledPrimaryIsReplacedUnderLoadWithoutAFailedCommandAndTheHashOnTheNewPrimaryIsComplete() throws Exception {
        Assumptions.assumeTrue(redisProcesses != null, "redis-server or redis-cli not found");
        await().atMost(Duration.ofSeconds(30)).until(() -> RedisProcesses.cli(primary.port(), "info", "replication")
                .contains("connected_slaves:2") && replicas.stream().allMatch(r -> RedisProcesses.cli(sentinel.port(),
                "sentinel", "replicas", MASTER).contains(Integer.toString(r.port()))));
        String key = TestInfrastructure.get().redisKey();
        LegacyLoad load = new LegacyLoad(new Http(port), 12);
        long rebuildsBefore = guard.rebuilds();
        try {
            load.bindAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> legacyRead(primary.port(), key, load.users()).size() == load.users().size());
            load.start(3, 50);
            LegacyLoad.sleep(2_000);

            long killedAt = System.currentTimeMillis();
            redisProcesses.kill(primary);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !RedisProcesses.cli(sentinel.port(), "sentinel", "get-master-addr-by-name", MASTER)
                            .contains(Integer.toString(primary.port())));
            long promotedAt = System.currentTimeMillis();
            String now = RedisProcesses.cli(sentinel.port(), "sentinel", "get-master-addr-by-name", MASTER);
            RedisProcesses.Server promoted = replicas.stream().filter(r -> now.contains(Integer.toString(r.port()))).findFirst().orElseThrow();
            RedisProcesses.Server other = replicas.stream().filter(r -> r != promoted).findFirst().orElseThrow();
            // every batch of the projection starts with an HMGET of its users' fields; a replica receives none from its
            // primary (reads are not replicated), so the first one on the promoted replica is the service working on it
            long readsAtPromotion = hashReads(promoted.port());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> hashReads(promoted.port()) > readsAtPromotion);
            long projectingAgainAt = System.currentTimeMillis();
            LegacyLoad.sleep(2_000);
            List<LegacyLoad.Op> ops = load.stop();

            List<LegacyLoad.Op> failed = ops.stream().filter(o -> o.code() != 2000).toList();
            long duringFailover = ops.stream().filter(o -> o.startedAt() >= killedAt && o.startedAt() < projectingAgainAt).count();
            assertThat(failed).as("commands answered other than 2000").isEmpty();
            assertThat(duringFailover).as("commands answered while the hash had no primary").isPositive();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(legacyRead(promoted.port(), key, load.users())).isEqualTo(LegacyHash.expectedFromNumberView(jdbc, load.users())));
            long completeAt = System.currentTimeMillis();
            // caught up: the sentinel has made the other replica follow the new primary, and it acknowledges the writes
            ConsistencyCheck.Report report = assertHashAgreesWithTheEventStore();
            long caughtUpAt = System.currentTimeMillis();
            // the replica had the hash and the marker: promoted, it needs no rebuild (which would empty the hash for a replay)
            assertThat(guard.rebuilds()).as("rebuilds after the failover").isEqualTo(rebuildsBefore);

            // no replica left: a new binding's write is not acknowledged, and the batch keeps its token (the projection
            // lags) until a replica joins the primary
            redisProcesses.kill(other);
            LegacyLoad late = new LegacyLoad(new Http(port), 1);
            late.bindAll();
            LegacyLoad.sleep(2_000);
            assertThat(consistency.run(Duration.ofSeconds(2)).lag()).as("projections lagging while no replica acknowledges")
                    .anyMatch(l -> l.processor().equals("redis-user-axs"));
            long replicaStartedAt = System.currentTimeMillis();
            redisProcesses.server("replica-3", "--replicaof", "127.0.0.1", Integer.toString(promoted.port()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> consistency.run(Duration.ZERO).caughtUp());
            long heldFor = System.currentTimeMillis() - replicaStartedAt;
            assertThat(legacyRead(promoted.port(), key, late.users())).isEqualTo(LegacyHash.expectedFromNumberView(jdbc, late.users()));
            System.out.printf("FAULT-MEASURE redis sentinel failover: primary killed under load (2 replicas); the sentinel "
                            + "promoted a replica after %d ms (down-after-milliseconds %d), the hash projection worked on it %d ms "
                            + "after the kill; %d commands (%d between the kill and then), %d answered other than 2000; hash "
                            + "of the %d load users complete and equal to number_view %d ms after the kill, projections caught "
                            + "up %d ms after it (the other replica following the new primary), consistency check of %d users "
                            + "without a difference, %d rebuilds; with no replica left a binding's write was held and went "
                            + "through %d ms after a new replica was started%n",
                    promotedAt - killedAt, DOWN_AFTER_MILLIS, projectingAgainAt - killedAt, ops.size(), duringFailover,
                    failed.size(), load.users().size(), completeAt - killedAt, caughtUpAt - killedAt, report.checkedUsers(),
                    guard.rebuilds() - rebuildsBefore, heldFor);
        } finally {
            load.stop();
        }
    }

    /** What MIS does: HGET of each user's field, straight from the server that is primary now. */
    private static Map<String, String> legacyRead(int redisPort, String key, List<String> users) {
        try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create("127.0.0.1", redisPort))) {
            return LegacyHash.read(users, user -> c.sync().hget(key, user));
        }
    }

    private static long hashReads(int redisPort) {
        Matcher m = Pattern.compile("cmdstat_hmget:calls=(\\d+)").matcher(RedisProcesses.cli(redisPort, "info", "commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
