package com.pnhub.bridge.inbound;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message body read as a JSON object, with typed accessors whose failures name the field
 * ({@code 缺少参数[platId]}, {@code 参数[type]无效: 只能是0或1}). Ids and phone numbers are accepted as JSON
 * strings or JSON integers ({@code 3} or {@code "3"}); unknown fields are ignored.
 */
public final class MessageFields {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;

    private MessageFields(JsonNode root) {
        this.root = root;
    }

    public static MessageFields parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("body", "消息体为空");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw invalid("body", "消息体超过64KiB(" + body.length + "字节)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            // only the position: Jackson's own message names its classes (tools.jackson.databind.JsonNode)
            throw invalid("body", "不是有效的JSON(" + position(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid("body", "必须是JSON对象");
        }
        return new MessageFields(root);
    }

    /** An integer given as a JSON integer or a string of digits. */
    public int requiredInt(String field) {
        JsonNode n = present(field);
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isString()) {
            String s = n.stringValue().trim();
            if (s.matches("-?\\d{1,9}")) {
                return Integer.parseInt(s);
            }
        }
        throw invalid(field, "必须是整数(数字或数字字符串)");
    }

    /** An id or a phone number: a non-blank string or a JSON integer, returned as text. */
    public String requiredText(String field) {
        String value = optionalText(field);
        if (value == null || value.isEmpty()) {
            throw new BusinessRuleException(ErrorCode.MISSING_PARAMETER, field);
        }
        return value;
    }

    /** As {@link #requiredText} but absent, null or blank is {@code null}. */
    public String optionalText(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isString()) {
            String s = n.stringValue().trim();
            return s.isEmpty() ? null : s;
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        throw invalid(field, "必须是字符串或整数");
    }

    public boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    private JsonNode present(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull() || n.isMissingNode() || (n.isString() && n.stringValue().isBlank())) {
            throw new BusinessRuleException(ErrorCode.MISSING_PARAMETER, field);
        }
        return n;
    }

    public static BusinessRuleException invalid(String field, String why) {
        return new BusinessRuleException(ErrorCode.INVALID_PARAMETER, field, why);
    }

    private static String position(JacksonException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "位置未知" : "第" + at.getLineNr() + "行第" + at.getColumnNr() + "列";
    }

    /**
     * A message whose AMQP content type says it is something else than JSON (XML, a serialized Java object, a form)
     * is refused before its body is read. Absent (Spring AMQP reports it as application/octet-stream), JSON and plain
     * text are read: producers that send a JSON string often leave the type unset or as text/plain.
     */
    public static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (type.equals("application/json") || type.equals("text/json") || type.endsWith("+json")
                || type.equals("text/plain") || type.equals("application/octet-stream")) {
            return;
        }
        String shown = type.replaceAll("[^a-z0-9.+/-]", "?");
        throw invalid("content_type", "不是JSON(" + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown) + ")");
    }
}
