package com.pnhub.command.provider.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.simulator.Faults;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.SimulatorConfig;
import com.pnhub.simulator.Subscription;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the in-process Aliyun PNP simulator, through the real SDK. */
class AliyunNumberProviderTest {

    static final String POOL = "FC100001";
    static final String X1 = "17000000001";
    static final String X2 = "17000000002";
    static final String A = "13470110001";
    static final String A2 = "13470110002";
    static final String B = "13800000001";

    static ProviderSimulator sim;
    static AliyunNumberProvider provider;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.defaults().withName("adapter-test"));
        provider = new AliyunNumberProvider(settings(SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET));
    }

    static AliyunProviderSettings settings(String secret) {
        return settings(secret, 10_000); // generous: a cold JVM is slow on the first call
    }

    static AliyunProviderSettings settings(String secret, int readTimeoutMillis) {
        return new AliyunProviderSettings(Platform.ALIYUN, "cn-hangzhou", "http://" + sim.endpoint(),
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, secret, 2000, readTimeoutMillis, Duration.ofDays(3650));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.resetAll();
        sim.addNumbers(POOL, List.of(X1, X2));
    }

    private static String bound(String x, String a) {
        ProviderOutcome o = provider.bindAx(POOL, x, a, "op-1");
        assertThat(o).isInstanceOf(ProviderOutcome.Success.class);
        return ((ProviderOutcome.Success) o).subsId();
    }

    @Test
    void platformComesFromSettings() {
        assertThat(provider.platform()).isEqualTo(Platform.ALIYUN);
    }

    @Test
    void bindAxSucceedsWithSubsIdAndFarExpiration() {
        ProviderOutcome o = provider.bindAx(POOL, X1, A, "op-1");

        assertThat(o).isInstanceOf(ProviderOutcome.Success.class);
        ProviderOutcome.Success s = (ProviderOutcome.Success) o;
        assertThat(s.subsId()).isNotBlank();
        assertThat(s.requestId()).isNotBlank();
        Subscription sub = sim.subscription(s.subsId()).orElseThrow();
        assertThat(sub.type()).isEqualTo(Subscription.Type.AXN);
        assertThat(sub.x()).isEqualTo(X1);
        assertThat(sub.a()).isEqualTo(A);
        assertThat(sub.outId()).isEqualTo("op-1");
        assertThat(sub.expiration()).isAfter(LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusYears(9));
    }

    @Test
    void bindConflictIsRefused() {
        bound(X1, A);
        assertThat(provider.bindAx(POOL, X1, A2, null))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class, r -> {
                    assertThat(r.code()).isEqualTo("isv.BIND_CONFLICT");
                    assertThat(r.message()).isNotBlank();
                });
    }

    @Test
    void numberNotInPoolIsRefused() {
        assertThat(provider.bindAx(POOL, "17099999999", A, null))
                .isEqualTo(new ProviderOutcome.Refused("isv.NO_AVAILABLE_NUMBER", "PhoneNoX is not a number of pool " + POOL));
        assertThat(provider.bindAx("NO-SUCH-POOL", X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.NO_AVAILABLE_NUMBER"));
    }

    @Test
    void invalidParametersAreRefused() {
        assertThat(provider.bindAx(POOL, X1, "not-a-phone", null))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.INVALID_PARAMETERS"));
        assertThat(provider.bindAx(POOL, X1, null, null))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.INVALID_PARAMETERS"));
    }

    @Test
    void unbindSucceedsThenUnknownIsRefused() {
        String subsId = bound(X1, A);

        ProviderOutcome o = provider.unbind(POOL, subsId, X1);
        assertThat(o).isInstanceOfSatisfying(ProviderOutcome.Success.class, s -> {
            assertThat(s.subsId()).isNull();
            assertThat(s.requestId()).isNotBlank();
        });
        assertThat(sim.subscription(subsId)).isEmpty();

        assertThat(provider.unbind(POOL, subsId, X1))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.SUBS_NOT_EXIST"));
    }

    @Test
    void changeAMovesASide() {
        String subsId = bound(X1, A);

        assertThat(provider.changeA(POOL, subsId, X1, A2)).isInstanceOf(ProviderOutcome.Success.class);
        assertThat(sim.subscription(subsId).orElseThrow().a()).isEqualTo(A2);

        assertThat(provider.changeA(POOL, "424242", X1, A2))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.SUBS_NOT_EXIST"));
    }

    @Test
    void ispSystemErrorIsUnavailable() {
        sim.faults().setErrorRate(1.0);
        assertThat(provider.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("isp.SYSTEM_ERROR"));
        assertThat(sim.subscriptions()).isEmpty();
    }

    @Test
    void http503IsUnavailable() {
        sim.faults().setErrorRate(1.0).setErrorStyle(Faults.ErrorStyle.HTTP_503);
        assertThat(provider.unbind(POOL, "1", X1))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("ServiceUnavailable"));
    }

    @Test
    void flowLimitIsUnavailable() {
        sim.faults().setFlowLimited(true);
        assertThat(provider.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("isv.FLOW_LIMIT"));
    }

    @Test
    void downIsUnavailableAndRecovers() {
        sim.faults().setDown(true);
        assertThat(provider.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("SDK.ServerUnreachable"));

        sim.faults().setDown(false);
        assertThat(provider.bindAx(POOL, X1, A, null)).isInstanceOf(ProviderOutcome.Success.class);
    }

    @Test
    void readTimeoutIsUnavailable() {
        AliyunNumberProvider impatient = new AliyunNumberProvider(settings(SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET, 400));
        bound(X2, A); // warm up
        sim.faults().setLatencyMillis(1500);
        assertThat(impatient.changeA(POOL, "1", X1, A2))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("SDK.ReadTimeout"));
    }

    @Test
    void nothingListeningIsUnavailable() {
        AliyunNumberProvider nowhere = new AliyunNumberProvider(new AliyunProviderSettings(Platform.ALIYUN, null,
                "127.0.0.1:1", "id", "secret", 500, 500, null));
        assertThat(nowhere.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("SDK.ServerUnreachable"));
    }

    @Test
    void wrongCredentialsAreUnavailableNotRefused() {
        AliyunNumberProvider wrong = new AliyunNumberProvider(settings("not-the-secret"));
        assertThat(wrong.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.code()).isEqualTo("SDK.InvalidAccessKeySecret"));
        assertThat(sim.subscriptions()).isEmpty();
    }

    @Test
    void extrasBindAxbQueryAndBlacklist() {
        ProviderOutcome axb = provider.bindAxb(POOL, X2, A, B, Duration.ofMinutes(30), "call-1");
        assertThat(axb).isInstanceOf(ProviderOutcome.Success.class);
        String axbId = ((ProviderOutcome.Success) axb).subsId();
        assertThat(provider.bindAxb(POOL, X2, A, B, Duration.ofMinutes(30), null))
                .isInstanceOfSatisfying(ProviderOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("isv.BIND_CONFLICT"));

        String axnId = bound(X1, A);
        assertThat(provider.querySubsId(POOL, X1))
                .isInstanceOfSatisfying(ProviderOutcome.Success.class, s -> assertThat(s.subsId()).isEqualTo(axnId));

        AliyunNumberProvider.DetailOutcome d = provider.querySubscriptionDetail(POOL, axbId, X2);
        assertThat(d.outcome()).isInstanceOf(ProviderOutcome.Success.class);
        assertThat(d.detail().active()).isTrue();
        assertThat(d.detail().phoneA()).isEqualTo(A);
        assertThat(d.detail().phoneB()).isEqualTo(B);
        assertThat(d.detail().x()).isEqualTo(X2);

        AliyunNumberProvider.DetailOutcome missing = provider.querySubscriptionDetail(POOL, "424242", X2);
        assertThat(missing.outcome()).isInstanceOf(ProviderOutcome.Refused.class);
        assertThat(missing.detail()).isNull();

        assertThat(provider.addBlacklist(POOL, B, "PHONE_NO", "spam")).isInstanceOf(ProviderOutcome.Success.class);
        assertThat(provider.addBlacklist(POOL, B, "PHONE_NO", null)).isInstanceOf(ProviderOutcome.Refused.class);
        assertThat(provider.deleteBlacklist(POOL, B, "PHONE_NO")).isInstanceOf(ProviderOutcome.Success.class);
        assertThat(provider.deleteBlacklist(POOL, B, "PHONE_NO")).isInstanceOf(ProviderOutcome.Refused.class);
    }

    @Test
    void classificationTable() {
        assertThat(AliyunNumberProvider.classify("OK", "OK", "r", "s")).isEqualTo(new ProviderOutcome.Success("s", "r"));
        assertThat(AliyunNumberProvider.classify("isv.FLOW_LIMIT", "m", "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify("isp.VENDOR_UNAVAILABLE", "m", "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify("Throttling.User", "m", "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify("SDK.ReadTimeout", "m", "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify("InvalidAccessKeyId.NotFound", "m", "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify(null, null, "r", null)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(AliyunNumberProvider.classify("isv.SUBS_NOT_EXIST", "m", "r", null)).isEqualTo(new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "m"));
        assertThat(AliyunNumberProvider.classify("InvalidAction.NotFound", "m", "r", null)).isInstanceOf(ProviderOutcome.Refused.class);
    }

    @Test
    void messagesNeverCarryFullNumbers() {
        assertThat(AliyunNumberProvider.scrub("Server unreachable: connection http://h:1/?Action=BindAxn&PhoneNoA=13470110001 failed"))
                .isEqualTo("Server unreachable: connection http://h:1/?... failed");
        assertThat(AliyunNumberProvider.scrub("number 13470110001 is bad")).isEqualTo("number 1347011**** is bad");
        assertThat(AliyunNumberProvider.scrub("pool FC100001")).isEqualTo("pool FC100001");

        sim.faults().setDown(true);
        assertThat(provider.bindAx(POOL, X1, A, null))
                .isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
                        u -> assertThat(u.message()).doesNotContain(A).doesNotContain(X1));
    }

    @Test
    void endpointParsing() {
        assertThat(new AliyunNumberProvider(new AliyunProviderSettings(null, null, null, "id", "s", 0, 0, null)).isPlainHttp()).isFalse();
        assertThat(new AliyunNumberProvider(new AliyunProviderSettings(null, null, "https://dyplsapi.aliyuncs.com/", "id", "s", 0, 0, null))
                .isPlainHttp()).isFalse();
        // no scheme: HTTPS, whatever the host (plain HTTP only when asked for)
        assertThat(new AliyunNumberProvider(new AliyunProviderSettings(null, null, "pnp.example.com:8443", "id", "s", 0, 0, null))
                .isPlainHttp()).isFalse();
        assertThat(new AliyunNumberProvider(new AliyunProviderSettings(null, null, sim.endpoint(), "pnhub-sim",
                SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET, 2000, 2000, null)).bindAx(POOL, X1, A, null))
                .as("an HTTPS request to the plain-HTTP simulator fails").isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(new AliyunNumberProvider(new AliyunProviderSettings(null, null, "http://" + sim.endpoint(), "pnhub-sim",
                SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET, 2000, 10_000, null)).bindAx(POOL, X1, A, null))
                .isInstanceOf(ProviderOutcome.Success.class);
    }
}
