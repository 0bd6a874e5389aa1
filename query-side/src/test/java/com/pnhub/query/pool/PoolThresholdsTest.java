package com.pnhub.query.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoolThresholdsTest {

    private static final Instant FREED = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void canKeepAGivenUpNumberFromAllocationForTheQuarantine() {
        PoolThresholds thresholds = new PoolThresholds(0.1, 20, Duration.ofHours(72));
        assertThat(thresholds.quarantinedUntil(FREED, FREED.plus(Duration.ofHours(71))))
                .isEqualTo(FREED.plus(Duration.ofHours(72)));
        assertThat(thresholds.quarantinedUntil(FREED, FREED.plus(Duration.ofHours(72)))).isNull();
        assertThat(thresholds.quarantinedUntil(null, FREED)).isNull();
    }

    @Test
    void canTurnTheQuarantineOff() {
        assertThat(new PoolThresholds(0.1, 20, Duration.ZERO).quarantinedUntil(FREED, FREED)).isNull();
    }

    @Test
    void cannotStartWithSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> new PoolThresholds(1.5, 20, Duration.ZERO)).hasMessageContaining("low-free-ratio");
        assertThatThrownBy(() -> new PoolThresholds(Double.NaN, 20, Duration.ZERO)).hasMessageContaining("low-free-ratio");
        assertThatThrownBy(() -> new PoolThresholds(0.1, -1, Duration.ZERO)).hasMessageContaining("low-free-count");
        assertThatThrownBy(() -> new PoolThresholds(0.1, 20, Duration.ofHours(-1))).hasMessageContaining("quarantine");
    }
}
