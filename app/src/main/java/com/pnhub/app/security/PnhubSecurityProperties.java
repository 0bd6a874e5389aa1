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
        legacy = legacy == null ? new Legacy(null, null, null, null, null) : legacy;
        callbacks = callbacks == null ? new Callbacks(null, null) : callbacks;
    }

    /**
     * The legacy API and the HTTP pushes under /mangoapi: MIS and the message platform cannot send a token, so they
     * are admitted by address ({@code allowedCallers}, addresses or CIDR ranges). Behind a proxy the forwarded address
     * counts only when the connection comes from one of {@code trustedProxies}. A caller that can send the header
     * {@value LegacyDoorFilter#SECRET_HEADER} with {@code sharedSecret} is admitted from any address. Each admitted caller
 * (an address, or the secret's holders together) may send {@code requestsPerSecond} and have {@code concurrentRequests}
 * under way at once; beyond that it is refused with the envelope.
     */
    public record Legacy(List<String> allowedCallers, List<String> trustedProxies, String sharedSecret,
                         Integer requestsPerSecond, Integer concurrentRequests) {
        public Legacy {
            // per caller: well under one provider account's quota (Aliyun: 5,000 binds/s), so that one runaway
            // caller can exhaust neither the quota nor the pool nor the request threads
            requestsPerSecond = requestsPerSecond == null ? 500 : requestsPerSecond;
            concurrentRequests = concurrentRequests == null ? 64 : concurrentRequests;
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
