package com.pnhub.app.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may come in (docs/security.md). {@code rolesClaim} names the JWT claim holding the caller's roles (a dotted
 * path such as {@code realm_access.roles} reaches into Keycloak's nested claim).
 */
@ConfigurationProperties("pnhub.security")
public record PnhubSecurityProperties(String rolesClaim, Legacy legacy, Callbacks callbacks) {

    public PnhubSecurityProperties {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        legacy = legacy == null ? new Legacy(null, null, null) : legacy;
        callbacks = callbacks == null ? new Callbacks(null, null) : callbacks;
    }

    /**
     * The legacy API and the HTTP pushes under /mangoapi: MIS and the message platform cannot send a token, so they
     * are admitted by address ({@code allowedCallers}, addresses or CIDR ranges). Behind a proxy the forwarded address
     * counts only when the connection comes from one of {@code trustedProxies}. A caller that can send the header
     * {@value LegacyDoorFilter#SECRET_HEADER} with {@code sharedSecret} is admitted from any address.
     */
    public record Legacy(List<String> allowedCallers, List<String> trustedProxies, String sharedSecret) {
        public Legacy {
            allowedCallers = allowedCallers == null ? List.of() : List.copyOf(allowedCallers);
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            sharedSecret = sharedSecret == null || sharedSecret.isBlank() ? null : sharedSecret;
        }
    }

    /**
     * Provider callbacks under /callbacks: each provider's receiver URL carries its secret as the query parameter
     * {@value CallbackSecretFilter#SECRET_PARAMETER} ({@code secrets}: provider name to secret); a push from one of
     * {@code allowedSources} is admitted without it.
     */
    public record Callbacks(Map<String, String> secrets, List<String> allowedSources) {
        public Callbacks {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
            allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
        }
    }
}
