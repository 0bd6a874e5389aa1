package com.pnhub.command.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.provider.ProvidersConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code pnhub.providers.resilience.*} binds, and is not mistaken for a platform entry of {@code pnhub.providers}. */
class ResilientProvidersConfigTest {

    @Test
    void bindsTheSettingsAndWrapsEveryConfiguredProvider() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "pnhub.providers.resilience.wait-in-open", "3s",
                "pnhub.providers.resilience.max-attempts", "2",
                "pnhub.providers.resilience.failure-rate-threshold", "60",
                "pnhub.providers.aliyun.platform", "3",
                "pnhub.providers.aliyun.endpoint", "127.0.0.1:1",
                "pnhub.providers.aliyun.access-key-id", "id",
                "pnhub.providers.aliyun.access-key-secret", "secret")));
        ResilienceSettings settings = binder.bind("pnhub.providers.resilience", ResilienceSettings.class).get();
        assertThat(settings.waitInOpen()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxAttempts()).isEqualTo(2);
        assertThat(settings.failureRateThreshold()).isEqualTo(60f);
        assertThat(settings.slidingWindowSize()).isEqualTo(20);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));

        ProvidersConfig.ProvidersProperties properties = binder.bind("pnhub", ProvidersConfig.ProvidersProperties.class).get();
        ProviderHealth health = new ProviderHealth(settings, Clock.systemUTC());
        ProviderRegistry registry = new ProvidersConfig().providerRegistry(properties, health, false);
        assertThat(registry.forPlatform(Platform.ALIYUN)).isInstanceOf(ResilientNumberProvider.class);
        assertThat(registry.isConfigured(Platform.DONGXIN)).isFalse();
        assertThat(health.circuitBreaker(Platform.ALIYUN).getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(60f);
        assertThat(health.platforms()).extracting(ProviderHealth.PlatformHealth::platform).containsExactly(Platform.ALIYUN);
    }
}
