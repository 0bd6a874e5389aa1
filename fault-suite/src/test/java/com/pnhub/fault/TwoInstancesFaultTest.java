package com.pnhub.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two service processes on one database, Redis, broker and simulator: commands go to both, the pooled
 * processors' segments are spread over both, and when one is killed the other takes its segments over
 * and finishes its work; every event still reaches a consumer of pnhub.events.
 */
class TwoInstancesFaultTest {

    /** Processors with more than one segment: these are the ones two instances share. */
    private static final List<String> SHARED = List.of("number-view", "ProviderCallSagaProcessor");
    @RegisterExtension
    static final FaultWorldExtension WORLD = new FaultWorldExtension();
    private static FaultWorld world;
    private static EventTap tap;

    @BeforeAll
    static void tap() throws Exception {
        world = WORLD.get();
        if (world != null) {
            tap = new EventTap("pnhub-fault-" + world.database());
        }
    }

    @AfterAll
    static void closeTap() throws Exception {
        if (tap != null) {
            tap.close();
        }
    }

    @Test
    void segmentsAreSharedAndTakenOverWithoutLosingAnEvent() throws Exception {
        FaultWorld.Service a = world.startService("a");
        FaultWorld.Service b = world.startService("b");
        world.awaitHealthy(a);
        world.awaitHealthy(b);
        Map<String, String> agents = world.registerAgents(a, FaultWorld.AGENTS);
        List<String> numbers = world.registerNumbers(b, FaultWorld.AGENTS).numbers();
        String ownerA = a.process().pid() + "@";
        String ownerB = b.process().pid() + "@";

        long splitStart = System.nanoTime();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String processor : SHARED) {
                assertThat(owners(processor).values()).as(processor).anyMatch(o -> o.startsWith(ownerA)).anyMatch(o -> o.startsWith(ownerB));
            }
        });
        long splitMillis = (System.nanoTime() - splitStart) / 1_000_000;
        Map<String, Map<Integer, String>> split = new HashMap<>();
        for (String processor : SHARED) {
            split.put(processor, owners(processor));
        }

        AtomicBoolean bDown = new AtomicBoolean();
        LegacyLoad load = new LegacyLoad(agents, numbers, 2, i -> (i == 1 && !bDown.get() ? b : a).url(""));
        load.start(4);
        // long enough for both instances to warm up and serve a fair share before one dies
        Thread.sleep(10_000);
        int sentToB = (int) load.attempts().stream().filter(x -> x.service() == 1).count();
        java.time.Instant killedAt = java.time.Instant.now();
        b.process().kill();
        bDown.set(true);
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(allOwners()).allMatch(o -> o.startsWith(ownerA)));
        long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(2_000);
        List<LegacyLoad.Attempt> attempts = load.stop();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Checks.transitional(world, numbers)).isEmpty());
        Checks.everySuccessIsStored(world, attempts);
        Checks.lastAnswersAreInTheReadModels(world, load.pairs(), attempts);
        Checks.consistent(world, a);

        Set<String> eventIds = eventIds();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(tap.deliveries().keySet()).containsAll(eventIds));
        long duplicates = eventIds.stream().filter(id -> tap.deliveries().get(id).get() > 1).count();
        int extra = eventIds.stream().mapToInt(id -> tap.deliveries().get(id).get() - 1).sum();
        System.out.printf("fault-suite two instances: segments split %d ms after start (%s); %s (%d sent to b); "
                        + "b killed, a owned every segment after %d ms; %d events, all published, %d of them twice or more "
                        + "(%d extra deliveries)%n",
                splitMillis, split, Checks.summary(attempts), sentToB, takeoverMillis, eventIds.size(), duplicates, extra);
        assertThat(attempts.stream().filter(x -> x.service() == 1 && x.succeeded()).count()).as("b served commands").isPositive();
        // while both ran, each request learnt its outcome wherever its provider call ran; none had to answer "pending"
        assertThat(attempts.stream().filter(x -> x.answeredAt().isBefore(killedAt) && x.message().startsWith("请求已受理")))
                .isEmpty();
    }

    private static Map<Integer, String> owners(String processor) throws SQLException {
        Map<Integer, String> owners = new HashMap<>();
        try (Connection c = world.db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT segment, owner FROM token_entry WHERE processor_name = '" + processor + "'")) {
            while (rs.next()) {
                owners.put(rs.getInt(1), String.valueOf(rs.getString(2)));
            }
        }
        return owners;
    }

    private static List<String> allOwners() throws SQLException {
        return world.column("SELECT owner FROM token_entry");
    }

    private static Set<String> eventIds() throws SQLException {
        return new HashSet<>(world.column("SELECT event_identifier FROM domain_event_entry"));
    }
}
