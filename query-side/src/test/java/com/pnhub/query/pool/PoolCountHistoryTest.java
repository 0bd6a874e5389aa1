package com.pnhub.query.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The buckets of the pool history: every instance stamps a sample with the same bucket, whenever it started. */
class PoolCountHistoryTest {

    private final PoolCountHistory fiveMinutes =
            new PoolCountHistory(null, null, Duration.ofMinutes(5), Duration.ofDays(7), Clock.systemUTC());

    @Test
    void canStampEveryMomentOfAnIntervalWithTheIntervalsStart() {
        assertThat(fiveMinutes.bucketOf(Instant.parse("2026-12-02T19:37:12.345Z"))).isEqualTo(Instant.parse("2026-12-02T19:35:00Z"));
        assertThat(fiveMinutes.bucketOf(Instant.parse("2026-12-02T19:35:00Z"))).isEqualTo(Instant.parse("2026-12-02T19:35:00Z"));
        assertThat(fiveMinutes.bucketOf(Instant.parse("2026-12-02T19:34:59.999Z"))).isEqualTo(Instant.parse("2026-12-02T19:30:00Z"));
    }

    @Test
    void cannotSampleFasterThanOnceASecondOrKeepLessThanOneInterval() {
        assertThatThrownBy(() -> new PoolCountHistory(null, null, Duration.ofMillis(500), Duration.ofDays(7), Clock.systemUTC()))
                .hasMessageContaining("sample-interval");
        assertThatThrownBy(() -> new PoolCountHistory(null, null, Duration.ofHours(1), Duration.ofMinutes(5), Clock.systemUTC()))
                .hasMessageContaining("retention");
    }
}
