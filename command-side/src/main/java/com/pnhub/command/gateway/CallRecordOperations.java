package com.pnhub.command.gateway;

import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.calls.RecordCallCommand;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.history.ClientBindingInterval;
import com.pnhub.api.history.FindClientBindingBySubsQuery;
import com.pnhub.api.history.FindHolderAtQuery;
import com.pnhub.api.history.HolderInterval;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.command.internal.AttributeCallCommand;
import com.pnhub.command.number.CallLedger;
import com.pnhub.command.number.NumberLookup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Call records (Aliyun SecretReport) into the numbers' histories: each call once (call_id: its own stream,
 * {@link RecordedCall}; or, recorded before those, the call_record_ledger), attributed to
 * the agent who held X when the call was placed and, for a customer-binding call, to that binding and its
 * business object (then published as MQ175). Late and out-of-order records are fine: the attribution
 * comes from the binding intervals, not from the present. A record that cannot be recorded is kept with the
 * reason in call_record_rejected (docs/xb-bindings.md).
 */
@Service
public class CallRecordOperations {

    private static final Logger log = LoggerFactory.getLogger(CallRecordOperations.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** PNP reports its times in Beijing time. */
    static final ZoneId PROVIDER_ZONE = ZoneId.of("Asia/Shanghai");

    /** How a batch went: recorded now, seen before, kept as rejected. */
    public record BatchResult(int recorded, int duplicates, int rejected) {
    }

    private final CommandDispatcher dispatcher;
    private final QueryGateway queries;
    private final NumberLookup lookup;
    private final CallLedger ledger;
    private final NumberRules rules;
    private final JdbcTemplate jdbc;

    public CallRecordOperations(CommandDispatcher dispatcher, QueryGateway queries, NumberLookup lookup, CallLedger ledger,
                                NumberRules rules, JdbcTemplate jdbc) {
        this.dispatcher = dispatcher;
        this.ledger = ledger;
        this.queries = queries;
        this.lookup = lookup;
        this.rules = rules;
        this.jdbc = jdbc;
    }

    /** Records every element of a pushed batch; anything not transient is handled per record, never thrown. */
    public BatchResult record(List<JsonNode> batch) {
        int recorded = 0;
        int duplicates = 0;
        int rejected = 0;
        for (JsonNode node : batch) {
            String callId = node.isObject() ? text(node, "call_id") : null;
            String x;
            CallRecord record;
            try {
                x = requiredText(node, "secret_no");
                record = parse(node, callId);
                if (!rules.isVirtual(x) || lookup.find(x) == null) {
                    throw new IllegalArgumentException("secret_no is not a number of our pool");
                }
            } catch (IllegalArgumentException e) {
                reject(callId, e.getMessage(), node);
                rejected++;
                continue;
            }
            RequestContext ctx = RequestContext.of(Channel.PROVIDER_CALLBACK, null);
            if (ledger.recordedBefore(callId)) {
                duplicates++;
                continue;
            }
            try {
                dispatcher.send(new RecordCallCommand(CallRecordedEvent.streamOf(callId), x, record, attribute(x, record, ctx)),
                        x, ctx);
                recorded++;
            } catch (AggregateStreamCreationException e) {
                // the call's stream exists: this call is recorded already
                duplicates++;
            } catch (BusinessRuleException e) {
                reject(callId, e.legacyMessage(), node);
                rejected++;
            }
        }
        if (rejected > 0) {
            log.warn("call records: {} recorded, {} seen before, {} rejected (see call_record_rejected)", recorded,
                    duplicates, rejected);
        }
        return new BatchResult(recorded, duplicates, rejected);
    }

    /** Whole pushes that are not a JSON array of records are kept too. */
    public void rejectBody(String reason, byte[] body) {
        jdbc.update("INSERT INTO call_record_rejected (call_id, reason, record) VALUES (NULL, ?, ?)", kept(reason, body),
                head(body));
    }

    /**
     * A call on a customer binding's subscription is that binding's, live or ended (the binding intervals; the number
     * itself for a binding so new that they do not show it yet); any other call is the AX holder's at its time.
     */
    private CallAttribution attribute(String x, CallRecord r, RequestContext ctx) {
        if (r.subsId() != null) {
            ClientBindingInterval xb = queries.query(new FindClientBindingBySubsQuery(x, r.subsId()),
                    ResponseTypes.instanceOf(ClientBindingInterval.class)).join();
            if (xb != null) {
                return new CallAttribution(CallAttribution.XB, xb.userId(), xb.phoneA(), xb.bindingId(), xb.callbackId(),
                        xb.context());
            }
            CallAttribution live = dispatcher.send(new AttributeCallCommand(x, r.subsId()), x, ctx);
            if (live != null) {
                return live;
            }
        }
        HolderInterval holder = queries.query(new FindHolderAtQuery(x, r.callTime()),
                ResponseTypes.instanceOf(HolderInterval.class)).join();
        if (holder != null) {
            return new CallAttribution(CallAttribution.AX, holder.userId(), holder.phoneA(), null, null, null);
        }
        return CallAttribution.none();
    }

    private static CallRecord parse(JsonNode n, String callId) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("a record must be a JSON object");
        }
        if (callId == null || callId.isBlank() || callId.length() > 100) {
            throw new IllegalArgumentException("call_id is required (at most 100 characters)");
        }
        Instant callTime = time(n, "call_time", true);
        Instant release = time(n, "release_time", false);
        Instant start = time(n, "start_time", false);
        String subsId = text(n, "sub_id");
        if (subsId != null && (subsId.length() > 64 || !subsId.chars().allMatch(Character::isLetterOrDigit))) {
            throw new IllegalArgumentException("sub_id must be letters or digits");
        }
        return new CallRecord(callId, subsId, phone(n, "phone_no"), phone(n, "peer_no"), integer(n, "call_type", 0),
                callTime, start, release, integerOrNull(n, "release_cause"), integerOrNull(n, "release_dir"),
                text(n, "pool_key"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a string or a number");
        }
        String s = v.asString().trim();
        return s.isEmpty() ? null : s;
    }

    private static String requiredText(JsonNode n, String field) {
        String v = n.isObject() ? text(n, field) : null;
        if (v == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }

    private static String phone(JsonNode n, String field) {
        String v = text(n, field);
        if (v != null && (v.length() > 20 || !v.chars().allMatch(Character::isDigit))) {
            throw new IllegalArgumentException(field + " must be digits");
        }
        return v;
    }

    private static int integer(JsonNode n, String field, int absent) {
        Integer v = integerOrNull(n, field);
        return v == null ? absent : v;
    }

    private static Integer integerOrNull(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
    }

    private static Instant time(JsonNode n, String field, boolean required) {
        String v = text(n, field);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        try {
            return LocalDateTime.parse(v, TIME).atZone(PROVIDER_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be yyyy-MM-dd HH:mm:ss");
        }
    }

    private void reject(String callId, String reason, JsonNode node) {
        String id = callId == null ? null : callId.substring(0, Math.min(callId.length(), 100));
        byte[] record = node.toString().getBytes(StandardCharsets.UTF_8);
        jdbc.update("INSERT INTO call_record_rejected (call_id, reason, record) VALUES (?, ?, ?)", id, kept(reason, record),
                head(record));
    }

    /** What a rejected record keeps: enough to see what was sent, never the whole of an oversized one. */
    static final int KEPT_BYTES = 4096;

    private static byte[] head(byte[] record) {
        return record.length > KEPT_BYTES ? java.util.Arrays.copyOf(record, KEPT_BYTES) : record;
    }

    private static String kept(String reason, byte[] record) {
        String r = reason.length() > 500 ? reason.substring(0, 500) : reason;
        return record.length > KEPT_BYTES ? r + " (first " + KEPT_BYTES + " of " + record.length + " bytes kept)" : r;
    }

    public static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
