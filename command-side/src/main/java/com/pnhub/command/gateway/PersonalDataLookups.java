package com.pnhub.command.gateway;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PhoneMask;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command side's part of an erasure (issue 15), over its own tables (the event store's fields are shredded by
 * their keys, not here):
 * <ul>
 *   <li>{@code user_slot}, {@code number_lookup.holder}: whether the agent holds a number (no phone in them);</li>
 *   <li>{@code agent_lookup.phone} and {@code name}: the agent's A, from which every new binding takes it;</li>
 *   <li>{@code call_record_rejected.record} (and {@code reason}): the provider's pushes that could not be recorded,
 *   kept raw, with the A and B of the call in them.</li>
 * </ul>
 * Left on purpose: {@code blacklist_lookup} holds blacklisted B numbers, and a blacklist is a purpose of its own
 * (blocking a caller, ADR 0008) that an erasure of the customer's other data does not end; {@link #scrubCustomer}
 * logs that the number remains there and {@link #blacklistedOn} says on which platforms. {@code number_lookup},
 * {@code user_slot}, {@code call_record_ledger}, {@code call_number_index} and the reconciliation tables hold X numbers,
 * user ids and call ids; a reconciliation finding names an A only masked ({@link PhoneMask}), which is not the phone.
 * <p>
 * Each scrub is one plain transaction. The command handlers write agent_lookup in the unit of work of the agent's
 * command ({@code AgentDirectory}); a profile update racing the scrub writes the phone it was given, which is a new
 * phone of the agent, not the erased one.
 */
@Component
public class PersonalDataLookups {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataLookups.class);
    private static final String ERASED = PersonalData.ERASED;
    private static final byte[] ERASED_BYTES = ERASED.getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public PersonalDataLookups(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Whether the agent holds any number: a slot of any bind type (a normal AX number, a temporary number or fault
     * binding, the receiving side of a transfer in flight, a bind still waiting for its provider) or the holder of a
     * registered number. An agent who holds one still needs its A at the provider and must not be erased.
     */
    public boolean holdsNumbers(String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM user_slot WHERE user_id = ?) OR EXISTS (SELECT 1 FROM number_lookup WHERE holder = ?)""",
                Boolean.class, userId, userId));
    }

    /** The agent's phone (A) as the write side's directory has it; empty once erased or never given. */
    public Set<String> agentPhones(String userId) {
        Set<String> phones = new TreeSet<>();
        for (String p : jdbc.queryForList("SELECT phone FROM agent_lookup WHERE user_id = ?", String.class, userId)) {
            if (p != null && !p.isBlank() && !ERASED.equals(p)) {
                phones.add(p);
            }
        }
        return phones;
    }

    /**
     * Other agents whose directory entry has one of the phones. A phone's key is per number, not per account: its
     * destruction erases the phone in those agents' events too, and the scrubs erase it in their rows, so an erasure
     * should wait while one of them is listed here.
     */
    public List<String> otherAgentsWith(String userId, Collection<String> phones) {
        return jdbc.queryForList("SELECT user_id FROM agent_lookup WHERE phone = ANY (?) AND user_id <> ? ORDER BY user_id",
                String.class, real(phones).toArray(String[]::new), userId);
    }

    /**
     * Erases the agent from the command side's tables, in one transaction: agent_lookup's phone and name of the agent
     * become {@code "erased"} (a later bind for it is refused as AGENT_HAS_NO_PHONE), as does any other directory
     * entry with one of the phones; every rejected call record naming one of them has it replaced. Cells already
     * erased count nothing, so a second call counts only what came back.
     *
     * @return the cells changed
     */
    public long scrubAgent(String userId, Collection<String> phones) {
        List<String> real = real(phones);
        Long cells = transaction.execute(status -> {
            long n = jdbc.update("UPDATE agent_lookup SET name = ? WHERE user_id = ? AND name IS DISTINCT FROM ?",
                    ERASED, userId, ERASED);
            n += jdbc.update("""
                    UPDATE agent_lookup SET phone = ?
                     WHERE (user_id = ? OR phone = ANY (?)) AND phone IS NOT NULL AND phone <> ?""",
                    ERASED, userId, real.toArray(String[]::new), ERASED);
            for (String phone : real) {
                n += scrubRejectedCalls(phone);
            }
            return n;
        });
        log.info("erasure of agent {}: {} command-side cells scrubbed ({} phones)", userId, cells, real.size());
        return cells;
    }

    /**
     * Erases a customer's phone (B) from the command side's tables: the rejected call records naming it. The
     * blacklists keep it (see the class); that it remains is logged.
     *
     * @return the cells changed
     */
    public long scrubCustomer(String phoneB) {
        Long cells = transaction.execute(status -> scrubRejectedCalls(phoneB));
        List<Integer> platforms = blacklistedOn(phoneB);
        if (!platforms.isEmpty()) {
            log.info("erasure of customer {}: stays on the blacklists of platforms {} (a purpose of its own)",
                    PhoneMask.number(phoneB), platforms);
        }
        log.info("erasure of customer {}: {} command-side cells scrubbed", PhoneMask.number(phoneB), cells);
        return cells;
    }

    /** The platforms (codes) on whose B blacklist the number stays after {@link #scrubCustomer}; empty if none. */
    public List<Integer> blacklistedOn(String phoneB) {
        return jdbc.queryForList("SELECT DISTINCT platform FROM blacklist_lookup WHERE number = ? ORDER BY platform",
                Integer.class, phoneB);
    }

    /**
     * The rejected records that hold the phone, with every occurrence replaced: the record is the push's bytes as
     * they came (possibly cut at 4096 bytes, so not always valid UTF-8), hence the replacement on the bytes.
     */
    private long scrubRejectedCalls(String phone) {
        byte[] needle = phone.getBytes(StandardCharsets.UTF_8);
        List<Object[]> rows = jdbc.query("""
                SELECT id, reason, record FROM call_record_rejected
                 WHERE position(?::bytea IN record) > 0 OR position(? IN reason) > 0""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3)}, needle, phone);
        long cells = 0;
        for (Object[] row : rows) {
            String reason = (String) row[1];
            byte[] record = (byte[]) row[2];
            String scrubbedReason = reason.replace(phone, ERASED);
            byte[] scrubbedRecord = replace(record, needle);
            cells += (scrubbedReason.equals(reason) ? 0 : 1) + (Arrays.equals(scrubbedRecord, record) ? 0 : 1);
            jdbc.update("UPDATE call_record_rejected SET reason = ?, record = ? WHERE id = ?", scrubbedReason, scrubbedRecord,
                    row[0]);
        }
        return cells;
    }

    static byte[] replace(byte[] in, byte[] needle) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            if (i <= in.length - needle.length && Arrays.equals(in, i, i + needle.length, needle, 0, needle.length)) {
                out.writeBytes(ERASED_BYTES);
                i += needle.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }

    private static List<String> real(Collection<String> phones) {
        return phones.stream().filter(p -> p != null && !p.isBlank() && !ERASED.equals(p)).distinct().toList();
    }
}
