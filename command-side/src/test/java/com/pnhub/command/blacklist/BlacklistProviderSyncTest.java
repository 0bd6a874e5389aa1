package com.pnhub.command.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.number.InMemoryNumberLookup;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.ScriptedNumberProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blacklist events reach the provider: B to every pool of the platform, X to its own pool. */
class BlacklistProviderSyncTest {

    static final String B = "13800138000";
    static final String X = "17000000001";
    static final String X2 = "17000000002";
    static final String X3 = "17000000003";
    static final String X4 = "17000000004";
    static final long POOL_1 = 100001L;
    static final long POOL_2 = 100002L;
    static final long DX_POOL = 200001L;
    static final long JY_POOL = 300001L;
    static final long REGION = 21L;
    static final String ADMIN = "admin";
    static final String KEY = "3:" + B;
    static final BlacklistDirection OUT = BlacklistDirection.OUTBOUND;
    static final BlacklistDirection IN = BlacklistDirection.INBOUND;
    static final String REFUSED_COUNTER = "pnhub.blacklist.sync.refused";

    private ScriptedNumberProvider aliyun;
    private ScriptedNumberProvider dongxin;
    private SimpleMeterRegistry meters;
    private BlacklistProviderSync sync;

    @BeforeEach
    void setUp() {
        aliyun = new ScriptedNumberProvider(Platform.ALIYUN);
        dongxin = new ScriptedNumberProvider(Platform.DONGXIN);
        // two Aliyun pools (X and X2 in pool 1, X3 in pool 2), one Dongxin pool; 玖云 has a pool but no provider
        InMemoryNumberLookup lookup = new InMemoryNumberLookup()
                .with(X, Platform.ALIYUN, POOL_1, REGION, null)
                .with(X2, Platform.ALIYUN, POOL_1, REGION, "51218")
                .with(X3, Platform.ALIYUN, POOL_2, REGION, null)
                .with(X4, Platform.DONGXIN, DX_POOL, REGION, null)
                .with("17000000005", Platform.JIUYUN, JY_POOL, REGION, null);
        meters = new SimpleMeterRegistry();
        sync = new BlacklistProviderSync(new ProviderRegistry(List.of(aliyun, dongxin)), lookup, meters);
    }

    static NumberBlacklistedEvent bBlacklisted(Platform platform, BlacklistDirection direction) {
        return new NumberBlacklistedEvent(platform.code() + ":" + B, platform, B, direction, ADMIN);
    }

    static NumberUnblacklistedEvent bUnblacklisted(BlacklistDirection direction, boolean otherDirectionRemains) {
        return new NumberUnblacklistedEvent(KEY, Platform.ALIYUN, B, direction, ADMIN, otherDirectionRemains);
    }

    private double refusedCount(Platform platform) {
        Counter counter = meters.find(REFUSED_COUNTER).tag("platform", platform.name()).counter();
        return counter == null ? 0.0 : counter.count();
    }

    // ---- B numbers ----

    @Test
    void canPushABlacklistedBNumberToEveryPoolOfItsPlatform() {
        sync.on(bBlacklisted(Platform.ALIYUN, OUT));
        assertThat(aliyun.calls()).containsExactly(
                "addBlacklist " + POOL_1 + " " + B + " OUTBOUND",
                "addBlacklist " + POOL_2 + " " + B + " OUTBOUND");
        assertThat(dongxin.calls()).isEmpty();
        assertThat(refusedCount(Platform.ALIYUN)).isZero();
    }

    @Test
    void canPushABlacklistedBNumberOnlyToThePoolsOfItsOwnPlatform() {
        sync.on(bBlacklisted(Platform.DONGXIN, IN));
        assertThat(dongxin.calls()).containsExactly("addBlacklist " + DX_POOL + " " + B + " INBOUND");
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canDeleteAnUnblacklistedBNumberFromEveryPoolOfItsPlatform() {
        sync.on(bUnblacklisted(IN, false));
        assertThat(aliyun.calls()).containsExactly(
                "deleteBlacklist " + POOL_1 + " " + B + " INBOUND",
                "deleteBlacklist " + POOL_2 + " " + B + " INBOUND");
        assertThat(dongxin.calls()).isEmpty();
    }

    @Test
    void cannotDeleteABNumberThatStaysBlacklistedInTheOtherDirection() {
        sync.on(bUnblacklisted(IN, true));
        assertThat(aliyun.calls()).isEmpty();
        assertThat(dongxin.calls()).isEmpty();
    }

    @Test
    void canFailABNumberWhenTheProviderIsUnavailableSoTheProcessorRetries() {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        assertThatThrownBy(() -> sync.on(bBlacklisted(Platform.ALIYUN, OUT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("isp.TIMEOUT");
        assertThat(refusedCount(Platform.ALIYUN)).isZero();
    }

    @Test
    void canFailABNumberWhenTheProviderIsUnavailableForALaterPool() {
        // the first pool took it; a retry pushes it there again, which the provider takes as success
        aliyun.answering(new ProviderOutcome.Success(null, "req-1"), new ProviderOutcome.Unavailable("HTTP_503", "down"));
        assertThatThrownBy(() -> sync.on(bBlacklisted(Platform.ALIYUN, OUT))).isInstanceOf(IllegalStateException.class);
        assertThat(aliyun.calls()).hasSize(2);
    }

    @Test
    void canFailTheDeleteOfABNumberWhenTheProviderIsUnavailable() {
        aliyun.answering(new ProviderOutcome.Unavailable("isv.FLOW_LIMIT", "slow down"));
        assertThatThrownBy(() -> sync.on(bUnblacklisted(OUT, false))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void canCountARefusalForEveryPoolWithoutFailing() {
        aliyun.answering(new ProviderOutcome.Refused("isv.INVALID_NUMBER", "no such number"));
        assertThatCode(() -> sync.on(bBlacklisted(Platform.ALIYUN, OUT))).doesNotThrowAnyException();
        assertThat(aliyun.calls()).hasSize(2);
        assertThat(refusedCount(Platform.ALIYUN)).isEqualTo(2.0);
        assertThat(refusedCount(Platform.DONGXIN)).isZero();
    }

    @Test
    void canCountARefusalOfAPlatformWithoutProvider() {
        assertThatCode(() -> sync.on(bBlacklisted(Platform.JIUYUN, OUT))).doesNotThrowAnyException();
        assertThat(refusedCount(Platform.JIUYUN)).isEqualTo(1.0);
        assertThat(aliyun.calls()).isEmpty();
        assertThat(dongxin.calls()).isEmpty();
    }

    // ---- X numbers ----

    @Test
    void canPushABlacklistedXToItsOwnPoolOnly() {
        sync.on(new XBlacklistedEvent(X3, Platform.ALIYUN, POOL_2, IN, ADMIN));
        assertThat(aliyun.calls()).containsExactly("addBlacklist " + POOL_2 + " " + X3 + " INBOUND");
        assertThat(dongxin.calls()).isEmpty();
    }

    @Test
    void canPushABlacklistedXToTheProviderOfItsPlatform() {
        sync.on(new XBlacklistedEvent(X4, Platform.DONGXIN, DX_POOL, OUT, ADMIN));
        assertThat(dongxin.calls()).containsExactly("addBlacklist " + DX_POOL + " " + X4 + " OUTBOUND");
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canDeleteAnUnblacklistedXFromItsOwnPool() {
        sync.on(new XUnblacklistedEvent(X, Platform.ALIYUN, POOL_1, OUT, ADMIN, false));
        assertThat(aliyun.calls()).containsExactly("deleteBlacklist " + POOL_1 + " " + X + " OUTBOUND");
    }

    @Test
    void cannotDeleteAnXThatStaysBlacklistedInTheOtherDirection() {
        sync.on(new XUnblacklistedEvent(X, Platform.ALIYUN, POOL_1, OUT, ADMIN, true));
        assertThat(aliyun.calls()).isEmpty();
    }

    @Test
    void canFailAnXWhenTheProviderIsUnavailableSoTheProcessorRetries() {
        aliyun.answering(new ProviderOutcome.Unavailable("isp.TIMEOUT", "read timed out"));
        assertThatThrownBy(() -> sync.on(new XBlacklistedEvent(X, Platform.ALIYUN, POOL_1, OUT, ADMIN)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sync.on(new XUnblacklistedEvent(X, Platform.ALIYUN, POOL_1, OUT, ADMIN, false)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(refusedCount(Platform.ALIYUN)).isZero();
    }

    @Test
    void canCountARefusedXWithoutFailing() {
        aliyun.answering(new ProviderOutcome.Refused("isv.NO_PERMISSION", "not yours"));
        assertThatCode(() -> sync.on(new XUnblacklistedEvent(X, Platform.ALIYUN, POOL_1, IN, ADMIN, false)))
                .doesNotThrowAnyException();
        assertThat(refusedCount(Platform.ALIYUN)).isEqualTo(1.0);
    }
}
