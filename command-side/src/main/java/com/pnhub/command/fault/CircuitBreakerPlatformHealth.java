package com.pnhub.command.fault;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.resilience.ProviderHealth;
import org.springframework.stereotype.Component;

/** A platform is down while its provider's circuit breaker is not closed. */
@Component
public class CircuitBreakerPlatformHealth implements PlatformHealth {

    private final ProviderHealth providers;

    public CircuitBreakerPlatformHealth(ProviderHealth providers) {
        this.providers = providers;
    }

    @Override
    public boolean isDown(Platform platform) {
        return providers.isDown(platform);
    }
}
