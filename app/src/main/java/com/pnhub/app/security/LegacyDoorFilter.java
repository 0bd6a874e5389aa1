package com.pnhub.app.security;

import com.pnhub.api.errors.ErrorCode;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.facade.legacy.LegacyEnvelope;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door of the legacy API and the HTTP pushes (/mangoapi/**): MIS and the message platform call as they do today,
 * without a token, so they are admitted by address, or by a shared secret header where a caller can send one
 * (ADR 0014). A refused call gets the legacy envelope, 5000 with a message saying so, never a login page.
 * HEAD and OPTIONS never reach a handler: legacy mutations are GETs, and a link checker's HEAD must change nothing.
 * Whatever the caller's Accept header says, a legacy path answers the JSON envelope, and a multipart body without a
 * boundary (which the servlet container cannot parse) gets the envelope too, not an error page.
 */
public class LegacyDoorFilter extends OncePerRequestFilter {

    public static final String SECRET_HEADER = "X-Pnhub-Caller-Secret";
    private static final Logger log = LoggerFactory.getLogger(LegacyDoorFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AddressRanges allowed;
    private final AddressRanges trustedProxies;
    private final byte[] sharedSecret;
    private final RateLimiterConfig rateLimitConfig;
    private final RateLimiterRegistry rateLimiters;
    private final int concurrentRequests;
    private final Map<String, Semaphore> concurrent = new ConcurrentHashMap<>();

    public LegacyDoorFilter(PnhubSecurityProperties.Legacy settings) {
        this.allowed = AddressRanges.parse("pnhub.security.legacy.allowed-callers", settings.allowedCallers());
        this.trustedProxies = AddressRanges.parse("pnhub.security.legacy.trusted-proxies", settings.trustedProxies());
        this.sharedSecret = settings.sharedSecret() == null ? null : settings.sharedSecret().getBytes(StandardCharsets.UTF_8);
        // callers are admitted ones only (an allow-list entry or the secret), so there are few keys
        this.rateLimitConfig = RateLimiterConfig.custom().limitForPeriod(settings.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();
        this.rateLimiters = RateLimiterRegistry.of(rateLimitConfig);
        this.concurrentRequests = settings.concurrentRequests();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("OPTIONS".equals(method) || "HEAD".equals(method)) {
            response.setHeader("Allow", "GET, POST");
            response.setStatus(HttpServletResponse.SC_OK);
            if ("HEAD".equals(method)) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            }
            return;
        }
        String address = CallerAddress.of(request, trustedProxies);
        String secret = request.getHeader(SECRET_HEADER);
        String caller;
        if (secret != null) {
            if (sharedSecret == null || !MessageDigest.isEqual(sharedSecret, secret.getBytes(StandardCharsets.UTF_8))) {
                refuse(response, address, "wrong " + SECRET_HEADER);
                return;
            }
            caller = "shared secret";
        } else if (allowed.contains(address)) {
            caller = "address " + address;
        } else {
            refuse(response, address, "address not in pnhub.security.legacy.allowed-callers");
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                && !contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            answer(response, "请求体格式无效: multipart without a boundary");
            return;
        }
        if (!rateLimiters.rateLimiter(caller).acquirePermission()) {
            log.warn("legacy call refused from {}: over {} requests/s", AddressRanges.masked(address), rateLimitConfig.getLimitForPeriod());
            answer(response, "请求过于频繁,请稍后重试 (too many requests)");
            return;
        }
        Semaphore underWay = concurrent.computeIfAbsent(caller, c -> new Semaphore(concurrentRequests));
        if (!underWay.tryAcquire()) {
            log.warn("legacy call refused from {}: {} requests under way", AddressRanges.masked(address), concurrentRequests);
            answer(response, "请求过于频繁,请稍后重试 (too many concurrent requests)");
            return;
        }
        try {
            request.setAttribute(RequestContext.CALLER_ATTRIBUTE, caller);
            chain.doFilter(new AnswersJson(request), response);
        } finally {
            underWay.release();
        }
    }

    /** A legacy path always answers the JSON envelope, whatever the caller's Accept header asks for. */
    private static final class AnswersJson extends HttpServletRequestWrapper {
        AnswersJson(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of(MediaType.APPLICATION_JSON_VALUE))
                    : super.getHeaders(name);
        }
    }

    private static void refuse(HttpServletResponse response, String address, String why) throws IOException {
        log.warn("legacy call refused from {}: {}", AddressRanges.masked(address), why);
        answer(response, "调用方不被允许: " + address);
    }

    /**
     * Spring Security's firewall refuses some requests before any door sees them (an encoded slash or dot segment, a
     * line break in the path, a method outside the standard ones). On a legacy path the refusal is the envelope, as
     * the legacy service answered an unknown path or method; elsewhere it is a 400 problem document.
     */
    static RequestRejectedHandler rejectedRequests() {
        return (request, response, e) -> {
            String uri = request.getRequestURI();
            if (uri != null && uri.startsWith("/mangoapi/")) {
                String method = request.getMethod();
                boolean methodRefused = !List.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE").contains(method);
                answer(response, methodRefused ? ErrorCode.METHOD_NOT_ALLOWED.format(method.replaceAll("[^A-Za-z]", "?"))
                        : ErrorCode.NOT_FOUND.format("请求路径不合规 (path refused)"));
                return;
            }
            Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request", "the request was refused");
        };
    }

    static void answer(HttpServletResponse response, String failure) throws IOException {
        LegacyEnvelope envelope = LegacyEnvelope.failure(RequestContext.newRequestId(), failure, List.of());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(envelope));
    }
}
