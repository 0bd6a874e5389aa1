package com.pnhub.command.support;

import com.pnhub.api.rules.NumberRules;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The number rules are configuration (pnhub.number-rules.*); the contract's prefixes are the default. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NumberRulesConfig.Prefixes.class)
public class NumberRulesConfig {

    @ConfigurationProperties("pnhub.number-rules")
    public record Prefixes(Set<String> virtualPrefixes, Set<String> realPrefixes, Set<String> governmentPrefixes) {
    }

    @Bean
    public NumberRules numberRules(Prefixes prefixes) {
        NumberRules defaults = NumberRules.defaults();
        return new NumberRules(
                prefixes.virtualPrefixes() != null ? prefixes.virtualPrefixes() : defaults.virtualPrefixes(),
                prefixes.realPrefixes() != null ? prefixes.realPrefixes() : defaults.realPrefixes(),
                prefixes.governmentPrefixes() != null ? prefixes.governmentPrefixes() : defaults.governmentPrefixes());
    }
}
