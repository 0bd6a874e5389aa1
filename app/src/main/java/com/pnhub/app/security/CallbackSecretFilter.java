package com.pnhub.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the provider callbacks (/callbacks/**): a provider's receiver URL is configured with its secret as the
 * query parameter {@value #SECRET_PARAMETER}; a push without a matching one (compared in constant time against every
 * provider's secret) is refused unless it comes from an allowed source address. Without this, anyone could post call
 * records that become MQ175 phone-log messages.
 */
public class CallbackSecretFilter extends OncePerRequestFilter {

    public static final String SECRET_PARAMETER = "key";
    private static final Logger log = LoggerFactory.getLogger(CallbackSecretFilter.class);

    private final Map<String, byte[]> secrets;
    private final AddressRanges allowedSources;
    private final AddressRanges trustedProxies;

    public CallbackSecretFilter(PnhubSecurityProperties.Callbacks settings, PnhubSecurityProperties.Legacy legacy) {
        this.secrets = settings.secrets().entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
        this.allowedSources = AddressRanges.parse("pnhub.security.callbacks.allowed-sources", settings.allowedSources());
        this.trustedProxies = AddressRanges.parse("pnhub.security.legacy.trusted-proxies", legacy.trustedProxies());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = queryParameter(request.getQueryString());
        if (given != null) {
            byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
            boolean match = false;
            for (byte[] secret : secrets.values()) {
                match |= MessageDigest.isEqual(secret, bytes);
            }
            if (match) {
                chain.doFilter(request, response);
                return;
            }
        }
        String address = CallerAddress.of(request, trustedProxies);
        if (allowedSources.contains(address)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("provider callback {} refused from {}: {}", request.getRequestURI(), AddressRanges.masked(address),
                given == null ? "no " + SECRET_PARAMETER + " parameter" : "wrong " + SECRET_PARAMETER);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write("{\"code\":401,\"msg\":\"callback not authorised\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** From the query string only: reading a parameter through the servlet API would read a form body first. */
    private static String queryParameter(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(SECRET_PARAMETER + "=")) {
                return java.net.URLDecoder.decode(pair.substring(SECRET_PARAMETER.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
