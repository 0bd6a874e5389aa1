package com.pnhub.query.privacy;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PhoneMask;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The query side's part of an erasure (issue 15): what its read models hold of a person's phone, and the scrub that
 * makes them drop it once the person's data key is destroyed. The phone cells it knows of:
 * <ul>
 *   <li>{@code agent_view.phone} (and {@code name}), {@code number_view.phone_a}, {@code binding_interval.phone_a},
 *   {@code xb_interval.phone_a}: an agent's own phone (A);</li>
 *   <li>{@code xb_interval.phone_b}: a customer's phone (B);</li>
 *   <li>the legacy Redis hash holds user id → X only, no phone; an erased agent's field is dropped all the same.</li>
 * </ul>
 * {@code blacklist_view} (kind B) is left alone: a blacklist serves a purpose of its own (blocking a caller), and it
 * mirrors the command side's {@code blacklist_lookup}, which stays too. {@code pool_count_sample} holds counts only.
 * <p>
 * A scrubbed cell reads {@link PersonalData#ERASED}, which is also what a replay writes there once the key is gone
 * (the event serializer reads the field back as it), so a replay and the consistency check agree with a scrub.
 * <p>
 * <b>Race with the projections.</b> The scrub runs outside the processors, as one plain transaction per call, and
 * takes no lock the projections would wait for. A projection batch that read its events (decrypted, with the real
 * phone) or its rows (number_view's load, binding_interval's open periods) before the key was destroyed and writes
 * after the scrub puts the phone back: number_view's upsert only looks at last_sequence, binding_interval carries the
 * phone of the open period into the next. Such a batch is at most one processor batch (its unit of work) old, so the
 * caller scrubs twice, once at once and once after a delay longer than a batch takes; events read after the key is
 * gone carry {@code "erased"} and need no second pass. The Redis field of an agent who holds no numbers is absent in
 * the projection's own end state, so a batch that re-adds it is one still catching up, which its later release event
 * removes again; the second scrub covers the gap. The hash's HDEL does not wait for replicas as the projection's
 * batches may ({@code pnhub.redis.replicas-to-wait-for}): a failover right after it may bring the field back, which
 * the second scrub drops too.
 */
@Component
public class ReadModelPersonalData {

    private static final Logger log = LoggerFactory.getLogger(ReadModelPersonalData.class);
    private static final String ERASED = PersonalData.ERASED;
    /** A hash field per agent: a scan of a few hundred thousand fields in pages of this many. */
    private static final int SCAN_PAGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StringRedisTemplate redis;
    private final String hashKey;

    public ReadModelPersonalData(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                 StringRedisTemplate redis,
                                 @Value("${pnhub.redis.user-axs-key:4011:1:PrivateNumber_user_axs}") String hashKey) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = new TransactionTemplate(transactions);
        this.redis = redis;
        this.hashKey = hashKey;
    }

    /**
     * Every phone (A) the read models hold for the agent: its agent_view row, the numbers it holds (number_view's
     * holder is the receiver of a transfer where there is one), its binding periods and its customer bindings, past
     * ones included. Cells already erased are not phones.
     */
    public Set<String> agentPhones(String userId) {
        List<String> phones = jdbc.queryForList("""
                SELECT phone FROM agent_view WHERE user_id = :user
                UNION SELECT phone_a FROM number_view WHERE COALESCE(tuser_id, user_id) = :user
                UNION SELECT phone_a FROM binding_interval WHERE user_id = :user
                UNION SELECT phone_a FROM xb_interval WHERE user_id = :user""", Map.of("user", userId), String.class);
        Set<String> out = new LinkedHashSet<>();
        for (String p : phones) {
            if (p != null && !p.isBlank() && !ERASED.equals(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The latest expiry of a customer binding with that B that has not ended (xb_interval.valid_to NULL), empty if
     * none. An expired binding whose unbind at the provider is still under way counts, and its expiry may lie in the
     * past: the provider still connects B until the unbind. A scan of xb_interval (no index on phone_b): an erasure
     * is rare.
     */
    public Optional<Instant> liveCustomerBindingUntil(String phoneB) {
        Timestamp until = jdbc.queryForObject("SELECT max(expires_at) FROM xb_interval WHERE phone_b = :b AND valid_to IS NULL",
                Map.of("b", phoneB), Timestamp.class);
        return Optional.ofNullable(until).map(Timestamp::toInstant);
    }

    /**
     * Customer numbers (B) whose every customer binding ended before {@code cutoff} (none is live): the candidates of
     * the customer retention, oldest first. The caller checks each against its key's last use, which also counts calls.
     */
    public List<String> customerPhonesInactiveSince(Instant cutoff, int limit) {
        return jdbc.queryForList("""
                SELECT phone_b FROM xb_interval WHERE phone_b <> :erased
                 GROUP BY phone_b
                HAVING bool_and(valid_to IS NOT NULL) AND max(valid_to) < :cutoff
                 ORDER BY max(valid_to) LIMIT :limit""",
                new MapSqlParameterSource("erased", ERASED).addValue("cutoff", Timestamp.from(cutoff))
                        .addValue("limit", limit), String.class);
    }

    /**
     * Erases the agent from the read models, in one transaction: every A cell that holds one of {@code phones}
     * (whoever's row it is) and every A cell of the agent's own rows becomes {@code "erased"}; agent_view's name
     * too. Then the agent's field of the legacy hash, and any field naming one of the phones, is dropped. Cells
     * already erased or empty are left, so a second call counts only what came back in between.
     * <p>
     * The name becomes {@code "erased"} rather than NULL: NULL means "never given" (an agent may be created without
     * one), the legacy #3 answer passes the holder's name on as it is (MIS expects a string), and it is what the
     * field would read back as were it encrypted in the events (it is not today, so a replay of number-view brings
     * the name back: the event store keeps it in clear).
     *
     * @return the cells changed (hash fields dropped count one each)
     */
    public long scrubAgent(String userId, Collection<String> phones) {
        String[] real = phonesArray(phones);
        MapSqlParameterSource p = new MapSqlParameterSource("user", userId)
                .addValue("phones", real)
                .addValue("erased", ERASED);
        Long cells = transaction.execute(status -> {
            long n = 0;
            n += jdbc.update("UPDATE agent_view SET name = :erased WHERE user_id = :user AND name IS DISTINCT FROM :erased", p);
            n += jdbc.update("""
                    UPDATE agent_view SET phone = :erased
                     WHERE (user_id = :user OR phone = ANY (:phones)) AND phone IS NOT NULL AND phone <> :erased""", p);
            n += jdbc.update("""
                    UPDATE number_view SET phone_a = :erased
                     WHERE (COALESCE(tuser_id, user_id) = :user OR phone_a = ANY (:phones))
                       AND phone_a IS NOT NULL AND phone_a <> :erased""", p);
            for (String table : List.of("binding_interval", "xb_interval")) {
                n += jdbc.update("UPDATE " + table + " SET phone_a = :erased WHERE (user_id = :user OR phone_a = ANY (:phones)) "
                        + "AND phone_a IS NOT NULL AND phone_a <> :erased", p);
            }
            return n;
        });
        long fields = dropHashFields(userId, List.of(real));
        log.info("erasure of agent {}: {} read-model cells and {} legacy hash fields scrubbed ({} phones)", userId, cells,
                fields, real.length);
        return cells + fields;
    }

    /** Erases a customer's phone (B) from the read models: xb_interval.phone_b is its only cell. @return cells changed */
    public long scrubCustomer(String phoneB) {
        Long cells = transaction.execute(status -> (long) jdbc.update(
                "UPDATE xb_interval SET phone_b = :erased WHERE phone_b = :b",
                new MapSqlParameterSource("b", phoneB).addValue("erased", ERASED)));
        log.info("erasure of customer {}: {} read-model cells scrubbed", PhoneMask.number(phoneB), cells);
        return cells;
    }

    /**
     * Drops the agent's field and any field whose name or value holds one of the phones. The hash's rules never put a
     * phone in it, so the scan is the proof that none is there rather than an expected find; it reads the whole hash
     * (one field per agent holding a number) in pages.
     */
    private long dropHashFields(String userId, List<String> phones) {
        List<Object> drop = new ArrayList<>();
        if (Boolean.TRUE.equals(redis.opsForHash().hasKey(hashKey, userId))) {
            log.warn("erasure of agent {}: the legacy hash still has a field for it (a projection still catching up?); dropped",
                    userId);
            drop.add(userId);
        }
        if (!phones.isEmpty()) {
            try (Cursor<Map.Entry<Object, Object>> cursor = redis.opsForHash()
                    .scan(hashKey, ScanOptions.scanOptions().count(SCAN_PAGE).build())) {
                while (cursor.hasNext()) {
                    Map.Entry<Object, Object> e = cursor.next();
                    String field = String.valueOf(e.getKey());
                    String value = String.valueOf(e.getValue());
                    if (!field.equals(userId) && phones.stream().anyMatch(ph -> field.contains(ph) || value.contains(ph))) {
                        drop.add(field);
                    }
                }
            }
        }
        return drop.isEmpty() ? 0 : redis.opsForHash().delete(hashKey, drop.toArray());
    }

    private static String[] phonesArray(Collection<String> phones) {
        return phones.stream().filter(ph -> ph != null && !ph.isBlank() && !ERASED.equals(ph)).distinct().toArray(String[]::new);
    }
}
