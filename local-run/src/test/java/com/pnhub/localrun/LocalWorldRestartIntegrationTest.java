package com.pnhub.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pnhub.api.values.Platform;
import com.pnhub.app.PnhubApplication;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestWorld;
import com.pnhub.localrun.LocalEnvironment.World;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Run command's world started twice on one data folder (issue 16): the database keeps every binding, and so
 * must the provider simulators, or every binding is missing at the "provider" after a restart. The world here is
 * the one the Run command ({@code java -jar local-run.jar}) starts (embedded servers, persistent simulators, demo
 * data, local tokens), on a temporary folder instead of {@code ./data} and on a free port instead of 8080. The
 * personal-data master key is kept in that folder too (issue 15): the restarted service decrypts the phones its
 * events were written with, instead of reading them as erased.
 */
class LocalWorldRestartIntegrationTest {

    private static final String X = "17300000001";
    private static final String AGENT = "51218";
    private static final String AGENT_PHONE = "13470110001";
    private static final int NUMBERS_PER_PLATFORM = 3;

    @TempDir
    Path dataDir;

    @Test
    void aRestartedLocalWorldStillHasEveryBindingAtItsProvider() throws IOException {
        String subsId;
        String agent;
        String agentPhone = TestData.realNumber();
        String masterKey;
        try (World world = World.start(dataDir, name -> null, Map.of()); ConfigurableApplicationContext app = run(world)) {
            Http http = Http.bearer(port(app), adminToken());
            ProviderSimulator aliyun = world.simulators().of(Platform.ALIYUN);
            await().atMost(Duration.ofSeconds(30)).until(() -> aliyun.pools().getOrDefault("17", List.of()).contains(X));
            JsonNode bound = http.hub("BindAxNumber", "userid", AGENT, "regionid", "1", "private_number", X,
                    "addUser", "1", "lastUser", "1");
            assertThat(bound.get("ResultCode").asInt()).as(bound.toString()).isEqualTo(2000);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "BOUND".equals(bindState(http)));
            subsId = aliyun.subscriptions().stream().filter(s -> s.x().equals(X)).findFirst().orElseThrow().subsId();
            agent = TestWorld.agent(http, agentPhone);
            assertThat(phoneAOf(auditor(app))).isEqualTo(AGENT_PHONE);
        }
        assertThat(dataDir.resolve("simulators").resolve("aliyun.json")).exists();
        Path keyFile = dataDir.resolve("master.key");
        assertThat(keyFile).exists();
        masterKey = Files.readString(keyFile);

        try (World world = World.start(dataDir, name -> null, Map.of()); ConfigurableApplicationContext app = run(world)) {
            Http http = Http.bearer(port(app), adminToken());
            assertThat(Files.readString(keyFile)).as("the master key file, kept as it was").isEqualTo(masterKey);
            // A of the binding, from the number's events as the restarted service decrypts them (an auditor reads
            // phones unmasked)
            assertThat(phoneAOf(auditor(app))).as("A replayed from the stored events").isEqualTo(AGENT_PHONE);
            JsonNode known = auditor(app).getRaw("/api/v1/agents/" + agent).json();
            assertThat(known.get("phone").asString()).as(known.toString()).isEqualTo(agentPhone);
            JsonNode dry = TestWorld.reconciliationRun(http, true, null);

            assertThat(dry.get("status").asString()).as(dry.toString()).isEqualTo("COMPLETED");
            assertThat(dry.get("checked").asInt()).as(dry.toString()).isEqualTo(3 * NUMBERS_PER_PLATFORM);
            assertThat(dry.get("findings").valueStream().map(f -> f.get("kind").asString() + " " + f.get("number").asString()))
                    .as("what the restarted world disagrees about").isEmpty();
            ProviderSimulator aliyun = world.simulators().of(Platform.ALIYUN);
            Optional<Subscription> atProvider = aliyun.subscription(subsId);
            assertThat(atProvider).as("the binding at the restarted simulator").hasValueSatisfying(s -> {
                assertThat(s.x()).isEqualTo(X);
                assertThat(s.a()).isEqualTo(AGENT_PHONE);
            });

            // the restarted service ends the binding it remembers at the provider that remembers it too
            JsonNode unbound = http.hub("UnBindAgentNumber", "userid", AGENT, "private_number", X);
            assertThat(unbound.get("ResultCode").asInt()).as(unbound.toString()).isEqualTo(2000);
            await().atMost(Duration.ofSeconds(10)).until(() -> aliyun.subscription(subsId).isEmpty());
            assertThat(aliyun.anySubscription(subsId)).hasValueSatisfying(s -> assertThat(s.active()).isFalse());
        }
    }

    private String bindState(Http http) {
        return http.getRaw("/api/v1/numbers/" + X).json().get("bindState").asString();
    }

    private static String phoneAOf(Http http) {
        // a lost master key fails the replay (the data keys no longer unwrap): an error, not a state
        Http.Response state = http.getRaw("/api/v1/numbers/" + X + "/state?at=" + Instant.now());
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        return state.json().get("phoneA").asString();
    }

    private String adminToken() throws IOException {
        return token("admin");
    }

    private Http auditor(ConfigurableApplicationContext app) throws IOException {
        return Http.bearer(port(app), token("auditor"));
    }

    private String token(String role) throws IOException {
        return Files.readString(dataDir.resolve("local-tokens").resolve(role)).trim();
    }

    private static ConfigurableApplicationContext run(World world) {
        SpringApplication app = PnhubApplication.service();
        app.setAdditionalProfiles(LocalEnvironment.PROFILE);
        world.attachTo(app);
        // as arguments: default properties rank below application.yml's server.port 8080, which a service started with
        // the Run command on this machine may hold
        return app.run("--server.port=0", "--axoniq.update-checker.disabled=true",
                "--pnhub.local.demo-numbers-per-platform=" + NUMBERS_PER_PLATFORM);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
