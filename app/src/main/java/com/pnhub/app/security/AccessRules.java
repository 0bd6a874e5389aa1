package com.pnhub.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;

/**
 * Every route of the admin and query API with the least role that may call it: the one place that says who may do
 * what (SecurityConfig applies it in order; AccessRulesIntegrationTest calls every route with and without the role, and
 * fails for a mapped route that is missing here). Anything under /api/v1 not listed is refused.
 */
public final class AccessRules {

    /** {@code when} narrows a rule to some requests of a route (null: all of them). */
    public record Rule(HttpMethod method, String pattern, Role role, Predicate<HttpServletRequest> when, String description) {
    }

    private static final Predicate<HttpServletRequest> DRY_RUN = r -> "true".equalsIgnoreCase(r.getParameter("dryRun"));

    /** A search by an agent's real phone tells whose it is: only those who may see real numbers may ask. */
    private static final Predicate<HttpServletRequest> BY_PHONE_A = r -> r.getParameter("phoneA") != null;

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.GET, "/api/v1/numbers", Role.AUDITOR, BY_PHONE_A, "number list by real phone"),
            new Rule(HttpMethod.GET, "/api/v1/numbers", Role.VIEWER, null, "number list"),
            new Rule(HttpMethod.GET, "/api/v1/pool/summary", Role.VIEWER, null, "pool summary"),
            new Rule(HttpMethod.GET, "/api/v1/pool/history", Role.VIEWER, null, "pool count history"),
            new Rule(HttpMethod.GET, "/api/v1/providers", Role.VIEWER, null, "provider circuits and failovers"),
            new Rule(HttpMethod.GET, "/api/v1/blacklist", Role.VIEWER, null, "blacklist"),
            new Rule(HttpMethod.GET, "/api/v1/agents/{userId}", Role.VIEWER, null, "an agent"),
            new Rule(HttpMethod.GET, "/api/v1/numbers/{number}/state", Role.VIEWER, null, "a number's state at a time"),
            new Rule(HttpMethod.GET, "/api/v1/numbers/{number}/history", Role.AUDITOR, null, "a number's history"),
            new Rule(HttpMethod.GET, "/api/v1/numbers/{number}/holder", Role.AUDITOR, null, "a number's holder at a time"),
            new Rule(HttpMethod.GET, "/api/v1/audit/reads", Role.AUDITOR, null, "recorded audit reads"),
            new Rule(HttpMethod.GET, "/api/v1/numbers/{number}", Role.VIEWER, null, "a number"),
            new Rule(HttpMethod.GET, "/api/v1/reconciliation/runs", Role.OPERATOR, null, "reconciliation runs"),
            new Rule(HttpMethod.GET, "/api/v1/reconciliation/runs/{id}", Role.OPERATOR, null, "a reconciliation run"),
            new Rule(HttpMethod.GET, "/api/v1/admin/projections", Role.OPERATOR, null, "projection status"),
            new Rule(HttpMethod.GET, "/api/v1/messaging", Role.OPERATOR, null, "dead letters and publisher lag"),
            new Rule(HttpMethod.GET, "/api/v1/dead-letters/actions", Role.OPERATOR, null, "dead-letter actions"),
            new Rule(HttpMethod.GET, "/api/v1/dead-letters/{queue}", Role.OPERATOR, null, "dead letters of a queue"),
            new Rule(HttpMethod.POST, "/api/v1/dead-letters/{queue}/redrive", Role.OPERATOR, null, "re-drive of a queue's dead letters"),
            new Rule(HttpMethod.POST, "/api/v1/dead-letters/{queue}/{id}/redrive", Role.OPERATOR, null, "re-drive of a dead letter"),
            new Rule(HttpMethod.POST, "/api/v1/dead-letters/{queue}/{id}/discard", Role.OPERATOR, null, "discard of a dead letter"),
            new Rule(HttpMethod.PUT, "/api/v1/agents/{userId}", Role.OPERATOR, null, "agent profile"),
            new Rule(HttpMethod.POST, "/api/v1/numbers", Role.OPERATOR, null, "number registration"),
            new Rule(HttpMethod.POST, "/api/v1/numbers/{number}/fault-recovery", Role.OPERATOR, null, "fault recovery"),
            new Rule(HttpMethod.POST, "/api/v1/reconciliation/runs", Role.OPERATOR, DRY_RUN, "dry-run reconciliation"),
            new Rule(HttpMethod.POST, "/api/v1/reconciliation/runs", Role.ADMIN, null, "repairing reconciliation"),
            new Rule(HttpMethod.POST, "/api/v1/admin/projections/{name}/replay", Role.ADMIN, null, "projection replay"),
            new Rule(HttpMethod.GET, "/api/v1/admin/consistency", Role.ADMIN, null, "consistency check"),
            new Rule(HttpMethod.POST, "/api/v1/privacy/erasures", Role.ADMIN, null, "erasure of a person's number"),
            new Rule(HttpMethod.GET, "/api/v1/privacy/erasures", Role.ADMIN, null, "erasures"),
            new Rule(HttpMethod.POST, "/api/v1/privacy/migration", Role.ADMIN, null, "encryption of personal data stored in clear"));

    private AccessRules() {
    }
}
