package com.pnhub.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the service in the middle of a bind/unbind load, then a restart on the same database: what
 * was answered 2000 survived, the interrupted provider calls are finished by the sagas, and the read
 * models agree with the event store.
 */
class CrashRecoveryFaultTest {

    @RegisterExtension
    static final FaultWorldExtension WORLD = new FaultWorldExtension();

    @Test
    void aKilledServiceRestartsWithEveryAnsweredCommandAndNothingHalfDone() throws Exception {
        FaultWorld world = WORLD.get();
        FaultWorld.Setup setup = world.oneService("crash", FaultWorld.AGENTS);
        FaultWorld.Service service = setup.service();
        List<String> numbers = setup.pool().numbers();
        LegacyLoad load = setup.startLoad(4);
        Thread.sleep(6_000);
        int beforeKill = load.attempts().size();
        service.process().kill();
        long killed = System.nanoTime();
        Thread.sleep(1_000);
        world.restart(service);
        long restartMillis = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(4_000);
        List<LegacyLoad.Attempt> attempts = load.stop();

        long settleStart = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Checks.transitional(world, numbers)).isEmpty());
        long settleMillis = (System.nanoTime() - settleStart) / 1_000_000;

        assertThat(attempts.stream().filter(LegacyLoad.Attempt::succeeded).count()).isGreaterThan(FaultWorld.AGENTS);
        Checks.everySuccessIsStored(world, attempts);
        Checks.lastAnswersAreInTheReadModels(world, load.pairs(), attempts);
        JsonNode report = Checks.consistent(world, service);
        List<String> drift = Checks.providerDrift(world, numbers, setup.agents());
        System.out.printf("fault-suite crash: %s (%d before the kill); killed and healthy again after %d ms; "
                        + "settled %d ms after the load; consistency checked %d numbers; provider drift %d %s%n",
                Checks.summary(attempts), beforeKill, restartMillis, settleMillis, report.get("checkedNumbers").asInt(),
                drift.size(), drift);
    }
}
