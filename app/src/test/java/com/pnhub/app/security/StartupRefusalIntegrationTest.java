package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pnhub.app.PnhubApplication;
import com.pnhub.app.support.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Without an identity provider, without legacy callers, with a provider endpoint in plain HTTP that was not asked
 * for, or without a usable personal-data master key, the service does not start, and says which property is the cause.
 */
class StartupRefusalIntegrationTest {

    @Test
    void cannotStartWithoutAnIdentityProvider() {
        assertRefused("spring.security.oauth2.resourceserver.jwt.public-key-location", "",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri is not set");
    }

    @Test
    void cannotStartWithoutLegacyCallers() {
        assertRefused("pnhub.security.legacy.allowed-callers", "", "pnhub.security.legacy.allowed-callers is not set");
    }

    @Test
    void cannotStartWithAnAllowListEntryThatIsNotAnAddress() {
        assertRefused("pnhub.security.legacy.allowed-callers", "mis.example.com",
                "pnhub.security.legacy.allowed-callers: 'mis.example.com' is not an IP address or CIDR range");
    }

    @Test
    void cannotStartWithAPlainHttpProviderEndpointUnlessAllowed() {
        assertRefused("pnhub.provider-endpoints.allow-plain-http", "false", ".endpoint is plain HTTP (http://127.0.0.1:");
    }

    @Test
    void cannotStartWithoutAMasterKey() {
        // the test infrastructure gives every context one; none here, and no key file either
        assertRefused("pnhub.privacy.master-key", "",
                "pnhub.privacy.master-key (or pnhub.privacy.master-key-file) is required");
    }

    @Test
    void cannotStartWithAMasterKeyThatIsNot32BytesOfBase64() {
        assertRefused("pnhub.privacy.master-key", "not a key!", "pnhub.privacy master key is not base64");
        assertRefused("pnhub.privacy.master-key", java.util.Base64.getEncoder().encodeToString(new byte[16]),
                "pnhub.privacy master key must be 32 bytes, it has 16");
    }

    private static void assertRefused(String property, String value, String message) {
        Map<String, Object> props = properties();
        props.put(property, value);
        assertThatThrownBy(() -> start(props)).rootCause().hasMessageContaining(message);
    }

    private static Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>(TestInfrastructure.get().isolatedInstanceProperties("refusal"));
        props.put("axoniq.update-checker.disabled", "true");
        return props;
    }

    private static void start(Map<String, Object> props) {
        new SpringApplicationBuilder(PnhubApplication.class).profiles("test").properties(props)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("providerSimulators", TestInfrastructure.get().simulators()))
                .run("--server.port=0").close();
    }
}
