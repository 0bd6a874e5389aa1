package com.pnhub.command.provider;

import com.pnhub.api.numbers.Platform;
import com.pnhub.command.provider.aliyun.AliyunNumberProvider;
import com.pnhub.command.provider.aliyun.AliyunProviderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One provider per platform from {@code pnhub.providers.<name>.*}. All three speak Aliyun's PNP
 * protocol through the real SDK; where the endpoint is a simulator (local profile, tests) nothing here
 * knows it. A platform without credentials is left out: every call to it is refused
 * (pnhub.PROVIDER_NOT_CONFIGURED), so its bindings fail at once instead of waiting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvidersConfig.ProvidersProperties.class)
public class ProvidersConfig {

    @ConfigurationProperties("pnhub")
    public record ProvidersProperties(Map<String, Provider> providers) {
    }

    public record Provider(Integer platform, String regionId, String endpoint, String accessKeyId,
                           String accessKeySecret, Duration connectTimeout, Duration readTimeout, Duration axExpiration) {
    }

    @Bean
    public ProviderRegistry providerRegistry(ProvidersProperties properties) {
        List<NumberProvider> providers = new ArrayList<>();
        if (properties.providers() != null) {
            properties.providers().forEach((name, p) -> {
                if (p.platform() == null || p.accessKeyId() == null || p.accessKeySecret() == null) {
                    return;
                }
                providers.add(new AliyunNumberProvider(new AliyunProviderSettings(Platform.ofCode(p.platform()),
                        p.regionId(), p.endpoint(), p.accessKeyId(), p.accessKeySecret(), millis(p.connectTimeout()),
                        millis(p.readTimeout()), p.axExpiration())));
            });
        }
        return new ProviderRegistry(providers);
    }

    private static int millis(Duration d) {
        return d == null ? 0 : (int) d.toMillis();
    }
}
