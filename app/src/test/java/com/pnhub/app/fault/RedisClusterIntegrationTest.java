package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.query.operations.ConsistencyCheck;
import com.pnhub.query.operations.RedisHashGuard;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.TestInfrastructure;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against a Redis Cluster of three primaries of this test's own, configured only through
 * {@code spring.data.redis.cluster.nodes}: the hash projection writes the legacy hash under its unchanged name, a
 * cluster client reads it the way MIS does (HGET per user), and the guard's marker lies in the hash's slot. When the
 * shard holding that slot loses its data (FLUSHALL on that primary; the other two keep theirs), the guard sees the
 * marker gone and rebuilds the hash from the event store, complete and equal to number_view.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisClusterIntegrationTest extends OwnRedisIntegrationTestBase {

    private static RedisProcesses redisProcesses;
    private static List<RedisProcesses.Server> nodes;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        if (!RedisProcesses.available()) {
            return;
        }
        ownDatabase(registry, "redis_cluster");
        redisProcesses = new RedisProcesses();
        nodes = redisProcesses.cluster(3);
        registry.add("spring.data.redis.cluster.nodes",
                () -> nodes.stream().map(RedisProcesses.Server::address).collect(Collectors.joining(",")));
    }

    @AfterAll
    static void stopRedis() {
        if (redisProcesses != null) {
            redisProcesses.close();
        }
    }

    @Test
    void theHashIsWrittenUnderItsLegacyNameAndRebuiltWhenItsShardLosesItsData() throws Exception {
        Assumptions.assumeTrue(redisProcesses != null, "redis-server or redis-cli not found");
        String key = TestInfrastructure.get().redisKey();
        String marker = RedisHashGuard.markerKey(key);
        LegacyLoad load = new LegacyLoad(new Http(port), 8);
        RedisClusterClient client = RedisClusterClient.create(nodes.stream()
                .map(n -> RedisURI.create("127.0.0.1", n.port())).toList());
        try (StatefulRedisClusterConnection<String, String> mis = client.connect()) {
            load.bindAll();
            load.start(2, 50);
            LegacyLoad.sleep(1_500);
            load.stop();
            Map<String, String> expected = LegacyHash.expectedFromNumberView(jdbc, load.users());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(LegacyHash.read(load.users(), user -> mis.sync().hget(key, user))).isEqualTo(expected));

            String slot = RedisProcesses.cli(nodes.get(0).port(), "cluster", "keyslot", key);
            assertThat(RedisProcesses.cli(nodes.get(0).port(), "cluster", "keyslot", marker)).isEqualTo(slot);
            RedisProcesses.Server owner = nodes.stream()
                    .filter(n -> !RedisProcesses.cli(n.port(), "cluster", "countkeysinslot", slot).equals("0"))
                    .findFirst().orElseThrow();
            assertThat(RedisProcesses.cli(owner.port(), "cluster", "getkeysinslot", slot, "10").lines().toList())
                    .as("keys of the hash's slot on its primary").containsExactlyInAnyOrder(key, marker);

            long rebuildsBefore = guard.rebuilds();
            long lostAt = System.currentTimeMillis();
            RedisProcesses.cli(owner.port(), "flushall");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(LegacyHash.read(load.users(), user -> mis.sync().hget(key, user))).isEqualTo(expected));
            long completeAfter = System.currentTimeMillis() - lostAt;
            assertThat(guard.rebuilds()).as("rebuilds after the shard lost its data").isEqualTo(rebuildsBefore + 1);
            ConsistencyCheck.Report report = assertHashAgreesWithTheEventStore();
            System.out.printf("FAULT-MEASURE redis cluster: 3 primaries, hash and marker in slot %s on one of them; that "
                            + "shard flushed: hash of the %d load users rebuilt complete and equal to number_view %d ms later "
                            + "(1 rebuild), consistency check of %d users without a difference%n",
                    slot, load.users().size(), completeAfter, report.checkedUsers());
        } finally {
            load.stop();
            client.shutdown();
        }
    }
}
