package com.pnhub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.resilience.ProviderHealth;

/** Opening a platform's circuit breaker through real calls to its simulator once the simulator is down. */
public final class ProviderOutage {

    private ProviderOutage() {
    }

    /**
     * Sends unbind and changeA (retried, 3 attempts each) until the breaker is open: a few of them fill the window
     * with failures. The simulator must already be down; each call must answer Unavailable.
     */
    public static void openBreaker(NumberProvider provider, ProviderHealth health, String poolKey, String x) {
        Platform platform = provider.platform();
        for (int i = 0; i < 10 && !health.isDown(platform); i++) {
            ProviderOutcome o = i % 2 == 0 ? provider.unbind(poolKey, "404" + i, x)
                    : provider.changeA(poolKey, "404" + i, x, TestData.realNumber());
            assertThat(o).isInstanceOf(ProviderOutcome.Unavailable.class);
        }
    }
}
