package com.pnhub.app.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The service's doors (docs/security.md): the legacy API and pushes admitted by caller address, the provider callbacks
 * by a secret in their URL, everything else (the admin and query API, actuator, OpenAPI) by a bearer token of the
 * company's identity provider, with the roles of {@link AccessRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(PnhubSecurityProperties.class)
public class SecurityConfig {

    static final List<String> JWT_KEY_PROPERTIES = List.of(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.HIERARCHY);
    }

    /** Before every door, Spring Security's included: what one client address may hold (RequestBounds). */
    @Bean
    FilterRegistrationBean<RequestBounds> requestBounds(PnhubSecurityProperties settings,
            @Value("${pnhub.http.concurrent-requests-per-address:64}") int perAddress,
            @Value("${pnhub.http.body-read-timeout:10s}") Duration bodyReadTimeout) {
        FilterRegistrationBean<RequestBounds> registration = new FilterRegistrationBean<>(
                new RequestBounds(perAddress, bodyReadTimeout, settings.legacy()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    static RequestRejectedHandler requestRejectedHandler() {
        return LegacyDoorFilter.rejectedRequests();
    }

    @Bean
    @Order(1)
    SecurityFilterChain legacyDoor(HttpSecurity http, PnhubSecurityProperties settings) throws Exception {
        PnhubSecurityProperties.Legacy legacy = settings.legacy();
        if (legacy.allowedCallers().isEmpty() && legacy.sharedSecret() == null) {
            throw new IllegalStateException("pnhub.security.legacy.allowed-callers is not set (nor "
                    + "pnhub.security.legacy.shared-secret): no MIS or message platform address could call the legacy API");
        }
        return stateless(http.securityMatcher("/mangoapi/**"))
                .addFilterBefore(new LegacyDoorFilter(legacy), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain callbackDoor(HttpSecurity http, PnhubSecurityProperties settings) throws Exception {
        return stateless(http.securityMatcher("/callbacks/**"))
                .addFilterBefore(new CallbackSecretFilter(settings.callbacks(), settings.legacy()), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    /**
     * The operations console's pages and scripts hold no data: they are served to anyone, and everything they show
     * comes from {@code /api/v1} with the bearer token the user gives them (docs/console.md). The policy allows only
     * the service's own scripts and styles, so a script injected into a page cannot run and read that token.
     */
    @Bean
    @Order(3)
    SecurityFilterChain consoleDoor(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/console", "/console/**"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONSOLE_POLICY))
                        .referrerPolicy(r -> r.policy(
                                ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(4)
    SecurityFilterChain tokenDoor(HttpSecurity http, PnhubSecurityProperties settings, Environment environment) throws Exception {
        if (JWT_KEY_PROPERTIES.stream().allMatch(p -> environment.getProperty(p, "").isBlank())) {
            throw new IllegalStateException(JWT_KEY_PROPERTIES.get(0) + " is not set (nor " + JWT_KEY_PROPERTIES.get(1)
                    + " or " + JWT_KEY_PROPERTIES.get(2) + "): the admin API needs the identity provider that signs its tokens");
        }
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        // the standard WWW-Authenticate header, and a body saying what is missing
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            bearer.commence(request, response, e);
            Problems.write(response, response.getStatus(), "Unauthorized", "a bearer token of the identity provider is needed");
        };
        return stateless(http)
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new RolesFromClaim(settings.rolesClaim())))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, e) -> {
                            // a signed-in caller who asks for what no rule allows asked for a route that does not
                            // exist: say so (a 403 would send them looking for a role). Anonymous callers got a 401
                            // before this, so the routes' existence is told only to holders of a valid token
                            Set<String> methods = request.getRequestURI().startsWith("/actuator/")
                                    ? Set.of(request.getMethod()) : ruledMethodsOf(request);
                            if (methods.isEmpty()) {
                                Problems.write(response, 404, "Not Found", "no route " + request.getRequestURI());
                            } else if (!methods.contains(request.getMethod())) {
                                response.setHeader("Allow", String.join(", ", methods));
                                Problems.write(response, 405, "Method Not Allowed",
                                        request.getMethod() + " is not allowed here; " + String.join(", ", methods) + " is");
                            } else {
                                denied.handle(request, response, e);
                                Problems.write(response, response.getStatus(), "Forbidden",
                                        "the token's roles do not include the one this needs");
                            }
                        }))
                .exceptionHandling(x -> x.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    a.requestMatchers("/error").permitAll();
                    a.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll();
                    a.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    // served only where springdoc is enabled (off in prod unless asked for): the API's shape, no data
                    a.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        a.requestMatchers(matcher(rule)).hasRole(rule.role().name());
                    }
                    a.anyRequest().denyAll();
                })
                .build();
    }

    /** The methods AccessRules names for the request's path (any role). */
    private static Set<String> ruledMethodsOf(HttpServletRequest request) {
        Set<String> methods = new TreeSet<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            if (PathPatternRequestMatcher.withDefaults().matcher(rule.pattern()).matches(request)) {
                methods.add(rule.method().name());
            }
        }
        return methods;
    }

    private static RequestMatcher matcher(AccessRules.Rule rule) {
        RequestMatcher route = PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
        return rule.when() == null ? route : new AndRequestMatcher(route, rule.when()::test);
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        // no browser session anywhere: the legacy callers and the token holders send their credentials every time,
        // so there is no cookie for a cross-site request to ride on
        return http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
    }
}
