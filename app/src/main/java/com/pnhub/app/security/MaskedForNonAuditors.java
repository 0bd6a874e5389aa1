package com.pnhub.app.security;

import com.pnhub.api.privacy.PhoneMask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phone numbers (an agent's A, a customer's B) in every answer of the admin and query API are masked as 1347011****
 * unless the caller is an auditor, whose reads of histories and holders are recorded (AuditReads). The fields are
 * named by what they hold, never guessed from the value: an X number looks like a mobile and must stay readable.
 */
@ControllerAdvice
public class MaskedForNonAuditors implements ResponseBodyAdvice<Object> {

    static final Set<String> PHONE_FIELDS = Set.of("phoneA", "phoneB", "phone", "previousPhone", "newPhone", "oldPhone",
            "telA", "telB", "mobile");
    /**
     * Free text that may quote a phone number: a problem's detail, a dead letter's body (a legacy message, whatever
     * fields it has), the reason it was dead-lettered and an operator's note. Every mobile-like run in them is masked,
     * an X number too: the text does not say which is which.
     */
    static final Set<String> TEXT_FIELDS = Set.of("detail", "message", "body", "reason", "note");
    /** A dead letter's body that is not UTF-8 comes as base64 with this field saying so. */
    static final String BASE64_MARK = "bodyEncoding";

    private final JsonMapper json;

    public MaskedForNonAuditors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null || !(request instanceof ServletServerHttpRequest servlet)
                || !servlet.getServletRequest().getRequestURI().startsWith("/api/v1/") || isAuditor()
                || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType) && !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)) {
            return body;
        }
        // in the blacklist, "number" is the customer's phone
        boolean numbersArePhones = servlet.getServletRequest().getRequestURI().startsWith("/api/v1/blacklist");
        JsonNode tree = json.valueToTree(body);
        mask(tree, numbersArePhones);
        return tree;
    }

    private static boolean isAuditor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> Role.AUDITOR.authority().equals(a.getAuthority()));
    }

    static void mask(JsonNode node, boolean numbersArePhones) {
        if (node instanceof ObjectNode object) {
            for (String name : Set.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString() && (PHONE_FIELDS.contains(name) || numbersArePhones && name.equals("number"))) {
                    object.put(name, PhoneMask.number(value.asString()));
                } else if (value.isString() && name.equals("body") && object.has(BASE64_MARK)
                        && "base64".equals(object.get(BASE64_MARK).asString())) {
                    object.put(name, maskBase64(value.asString()));
                } else if (value.isString() && TEXT_FIELDS.contains(name)) {
                    object.put(name, PhoneMask.inText(value.asString()));
                } else {
                    mask(value, numbersArePhones);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                mask(element, numbersArePhones);
            }
        }
    }

    /**
     * Masks the digits of a binary body: its ASCII digits read as ISO-8859-1 (one character per byte, so every other
     * byte comes back unchanged), which finds a phone number in any ASCII-compatible encoding (GBK, a UTF-8 text with one
     * broken byte).
     */
    static String maskBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64;
        }
        String masked = PhoneMask.inText(new String(bytes, StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(masked.getBytes(StandardCharsets.ISO_8859_1));
    }

}
