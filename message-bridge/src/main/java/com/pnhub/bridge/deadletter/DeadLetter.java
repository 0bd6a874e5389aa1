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
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One message of a {@code <queue>.dlq}, as fetched: its AMQP properties and body, and what DeadLetterPublisher wrote
 * into its headers.
 */
public record DeadLetter(String id, String queue, AMQP.BasicProperties properties, byte[] body) {

    /** Added to a re-driven message, whose {@code x-dlq-*} headers are removed. */
    public static final String REDRIVEN_AT = "x-redriven-at";
    private static final String BROKER_DEATHS = "x-death";
    /**
     * Headers the broker keeps for a message's life in one queue, removed from a re-driven message: a stale
     * {@code x-delivery-count} would make the quorum queue's listener give up on it at once.
     */
    private static final List<String> BROKER_HEADERS = List.of(BROKER_DEATHS, "x-delivery-count", "x-first-death-",
            "x-last-death-");

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

    /**
     * Why it was dead-lettered: the listener's reason, or for a message the broker dead-lettered itself (a quorum
     * queue's delivery limit, docs/messaging.md) the broker's reason from {@code x-death}.
     */
    public String reason() {
        String reason = header(properties, DeadLetterPublisher.REASON);
        if (reason != null) {
            return reason;
        }
        Map<?, ?> death = brokerDeath();
        return death == null ? null : "dead-lettered by the broker (" + text(death.get("reason")) + ") from "
                + text(death.get("queue"));
    }

    public String errorCode() {
        return header(properties, DeadLetterPublisher.ERROR_CODE);
    }

    public String failedAt() {
        String failedAt = header(properties, DeadLetterPublisher.FAILED_AT);
        Map<?, ?> death = failedAt == null ? brokerDeath() : null;
        return death != null && death.get("time") instanceof Date time ? time.toInstant().toString() : failedAt;
    }

    /** The newest entry of the broker's {@code x-death} list, null when the broker did not dead-letter it. */
    private Map<?, ?> brokerDeath() {
        return headers(properties).get(BROKER_DEATHS) instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> newest ? newest : null;
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

    /**
     * The message to publish back to its queue: same body and properties, no {@code x-dlq-*} header nor the broker's
     * own, {@code x-redriven-at}.
     */
    AMQP.BasicProperties redrivenProperties(Instant now) {
        Map<String, Object> headers = new HashMap<>();
        headers(properties).forEach((k, v) -> {
            if (!k.startsWith(DeadLetterPublisher.HEADER_PREFIX) && BROKER_HEADERS.stream().noneMatch(k::startsWith)) {
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
