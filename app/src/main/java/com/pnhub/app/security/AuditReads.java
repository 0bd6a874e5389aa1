package com.pnhub.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The record of audit reads: a number's history and its holder at a time carry real phone numbers, so each such read
 * is written (who, when, which number, what) before its answer, and an auditor can list them.
 */
@RestController
@Tag(name = "audit")
public class AuditReads implements HandlerInterceptor {

    /** The routes whose reads are recorded (SecurityConfig admits only auditors to them). */
    static final List<String> RECORDED = List.of("/api/v1/numbers/{number}/history", "/api/v1/numbers/{number}/holder",
            "/api/v1/numbers");

    /** A list read is recorded only when it searched by a real phone; the record's number is then that phone. */
    static final String SEARCHED_PHONE = "phoneA";

    public record AuditRead(long id, Instant readAt, String principal, String number, String what, String query) {
    }

    private final JdbcTemplate jdbc;

    public AuditReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal principal = request.getUserPrincipal();
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        boolean ofOneNumber = variables instanceof Map<?, ?> m && m.get("number") != null;
        Object number = ofOneNumber ? ((Map<?, ?>) variables).get("number") : request.getParameter(SEARCHED_PHONE);
        if (principal == null || number == null) {
            return true;
        }
        String uri = request.getRequestURI();
        String what = ofOneNumber ? uri.substring(uri.lastIndexOf('/') + 1) : "search-by-phone";
        jdbc.update("INSERT INTO audit_read (principal, number, what, query) VALUES (?, ?, ?, ?)",
                principal.getName(), String.valueOf(number), what, request.getQueryString());
        return true;
    }

    @GetMapping("/api/v1/audit/reads")
    @Operation(summary = "Recorded reads of histories and holders, newest first; number= limits them to one number")
    public List<AuditRead> list(@RequestParam(required = false) String number, @RequestParam(defaultValue = "100") String limit) {
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1..1000");
        }
        return jdbc.query("SELECT id, read_at, principal, number, what, query FROM audit_read"
                        + (number == null ? "" : " WHERE number = ?") + " ORDER BY id DESC LIMIT " + max,
                (rs, i) -> new AuditRead(rs.getLong(1), rs.getObject(2, Timestamp.class).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)),
                number == null ? new Object[0] : new Object[] {number});
    }
}
