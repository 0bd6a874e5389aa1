package com.pnhub.command.provider;

import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.aliyun.AliyunNumberProvider;
import com.pnhub.command.provider.aliyun.AliyunProviderSettings;
import com.pnhub.command.provider.resilience.ProviderHealth;
import com.pnhub.command.provider.resilience.ResilienceConfig;
import com.pnhub.command.provider.resilience.ResilientNumberProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One provider per platform from {@code pnhub.providers.<name>.*}. All three speak Aliyun's PNP
 * protocol through the real SDK; where the endpoint is a simulator (local profile, tests) nothing here
 * knows it. A platform without credentials is left out: every call to it is refused
 * (pnhub.PROVIDER_NOT_CONFIGURED), so its bindings fail at once instead of waiting. Every provider is wrapped
 * in a {@link ResilientNumberProvider} (circuit breaker and retry per platform, {@code pnhub.providers.resilience.*},
 * which is not a platform entry).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvidersConfig.ProvidersProperties.class)
@Import(ResilienceConfig.class)
public class ProvidersConfig {

    /** {@code pnhub.providers.resilience.*} holds the breaker / retry settings, not a platform. */
    private static final String RESILIENCE = "resilience";

    @ConfigurationProperties("pnhub")
    public record ProvidersProperties(Map<String, Provider> providers) {
    }

    public record Provider(Integer platform, String regionId, String endpoint, String accessKeyId,
                           String accessKeySecret, Duration connectTimeout, Duration readTimeout, Duration axExpiration) {
    }

    @Bean
    public ProviderRegistry providerRegistry(ProvidersProperties properties, ProviderHealth health,
            @Value("${pnhub.provider-endpoints.allow-plain-http:false}") boolean allowPlainHttp) {
        List<NumberProvider> providers = new ArrayList<>();
        if (properties.providers() != null) {
            properties.providers().forEach((name, p) -> {
                if (RESILIENCE.equals(name) || p == null || p.platform() == null || p.accessKeyId() == null || p.accessKeySecret() == null) {
                    return;
                }
                AliyunNumberProvider provider = new AliyunNumberProvider(new AliyunProviderSettings(
                        Platform.ofCode(p.platform()), p.regionId(), p.endpoint(), p.accessKeyId(), p.accessKeySecret(),
                        millis(p.connectTimeout()), millis(p.readTimeout()), p.axExpiration()));
                if (provider.isPlainHttp() && !allowPlainHttp) {
                    // the requests carry phone numbers and the AccessKey's signature
                    throw new IllegalStateException("pnhub.providers." + name + ".endpoint is plain HTTP (" + p.endpoint()
                            + "): use https://, or set pnhub.provider-endpoints.allow-plain-http=true (a local simulator)");
                }
                providers.add(new ResilientNumberProvider(provider, health));
            });
        }
        return new ProviderRegistry(providers);
    }

    private static int millis(Duration d) {
        return d == null ? 0 : (int) d.toMillis();
    }
}
