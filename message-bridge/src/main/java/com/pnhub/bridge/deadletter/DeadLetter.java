package com.pnhub.bridge.deadletter;

import com.pnhub.bridge.inbound.DeadLetterPublisher;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One message of a {@code <queue>.dlq}, as fetched: its AMQP properties and body, and what DeadLetterPublisher wrote
 * into its headers.
 */
public record DeadLetter(String id, String queue, AMQP.BasicProperties properties, byte[] body) {

    /** Added to a re-driven message, whose {@code x-dlq-*} headers are removed. */
    public static final String REDRIVEN_AT = "x-redriven-at";

    static DeadLetter of(String queue, AMQP.BasicProperties properties, byte[] body) {
        return new DeadLetter(idOf(properties, body), queue, properties, body);
    }

    /**
     * {@code x-dlq-id}; a dead letter of a build before it has none and is named by a digest of its message id, body
     * and failure time: the same on every read, and two dead-letterings of one message (each at its own time) differ,
     * which the AMQP message id alone would not.
     */
    static String idOf(AMQP.BasicProperties properties, byte[] body) {
        String id = header(properties, DeadLetterPublisher.ID);
        if (id != null) {
            return id;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String messageId = properties.getMessageId();
            sha.update((messageId == null ? "" : messageId).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            sha.update((byte) 0);
            String failedAt = header(properties, DeadLetterPublisher.FAILED_AT);
            sha.update((failedAt == null ? "" : failedAt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String reason() {
        return header(properties, DeadLetterPublisher.REASON);
    }

    public String errorCode() {
        return header(properties, DeadLetterPublisher.ERROR_CODE);
    }

    public String failedAt() {
        return header(properties, DeadLetterPublisher.FAILED_AT);
    }

    public Integer deliveries() {
        Object v = headers(properties).get(DeadLetterPublisher.DELIVERIES);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return v == null ? null : Integer.valueOf(text(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The body as UTF-8 text, or null when it is not valid UTF-8. */
    public String bodyText() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The message to publish back to its queue: same body and properties, no {@code x-dlq-*} header, {@code x-redriven-at}. */
    AMQP.BasicProperties redrivenProperties(Instant now) {
        Map<String, Object> headers = new HashMap<>();
        headers(properties).forEach((k, v) -> {
            if (!k.startsWith(DeadLetterPublisher.HEADER_PREFIX)) {
                headers.put(k, v);
            }
        });
        headers.put(REDRIVEN_AT, now.toString());
        return properties.builder().headers(headers).build();
    }

    private static Map<String, Object> headers(AMQP.BasicProperties properties) {
        return properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    }

    private static String header(AMQP.BasicProperties properties, String name) {
        Object v = headers(properties).get(name);
        return v == null ? null : text(v);
    }

    private static String text(Object v) {
        if (v instanceof LongString s) {
            return new String(s.getBytes(), StandardCharsets.UTF_8);
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }
}
