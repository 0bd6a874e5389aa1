package com.pnhub.app.privacy;

import com.pnhub.api.privacy.PersonalData.Subject;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PersonalDataErasedEvent;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.command.gateway.PersonalDataLookups;
import com.pnhub.query.privacy.ReadModelPersonalData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasing a person (issue 15): their data keys are destroyed, which makes every copy of their number in the event
 * store, snapshots, sagas and dead letters read as {@link PersonalData#ERASED}; the tables that hold numbers in
 * clear for the legacy answers (the read models, the command side's lookups, the Redis hash, the audit of reads) are
 * scrubbed; the erasure is recorded and published as a {@link PersonalDataErasedEvent} without the number.
 * <p>
 * Order: keys first, then the scrub. A projection that read an event before the key went and writes it after the
 * scrub would put the number back, so the scrub runs once more {@code erasure-rescrub-delay} later (a restart in
 * between loses that second pass: an operator repeats the erasure, which is idempotent).
 */
public class PersonalDataErasures implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataErasures.class);
    /** The field that keys an agent's personal data that is not a phone (the name). */
    private static final String USER_ID = "userId";

    /** What an erasure did. */
    public record Erasure(UUID erasureId, Subject subject, String userId, String reason, int keysDestroyed,
                          long cellsScrubbed, String requestedBy, Instant erasedAt) {
    }

    /** An erasure that may not be done now, and why. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final PersonalDataKeys keys;
    private final PersonalDataLookups lookups;
    private final ReadModelPersonalData readModels;
    private final JdbcTemplate jdbc;
    private final EventGateway events;
    private final Clock clock;
    private final Duration rescrubDelay;
    private final ScheduledExecutorService rescrubs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "personal-data-rescrub");
        t.setDaemon(true);
        return t;
    });

    public PersonalDataErasures(PersonalDataKeys keys, PersonalDataLookups lookups, ReadModelPersonalData readModels,
                                JdbcTemplate jdbc, EventGateway events, Clock clock, Duration rescrubDelay) {
        this.keys = keys;
        this.lookups = lookups;
        this.readModels = readModels;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.rescrubDelay = rescrubDelay;
    }

    /**
     * An agent's own phones, every one the agent ever had (the read models' and the command side's, plus
     * {@code extraPhones} an operator knows of). Refused while the agent holds a number: its binding needs A.
     */
    public Erasure eraseAgent(String userId, Collection<String> extraPhones, String requestedBy) {
        if (lookups.holdsNumbers(userId)) {
            throw new Refused("agent " + userId + " still holds numbers: unbind or transfer them first");
        }
        Set<String> phones = new TreeSet<>(extraPhones);
        phones.addAll(lookups.agentPhones(userId));
        phones.addAll(readModels.agentPhones(userId));
        phones.remove(PersonalData.ERASED);
        List<String> sharing = lookups.otherAgentsWith(userId, phones);
        if (!sharing.isEmpty()) {
            // a phone's key is the phone's, not the agent's: destroying it would erase these agents' history too
            throw new Refused("agent " + userId + " shares a phone with agent(s) " + String.join(", ", sharing)
                    + ": change their phone first");
        }
        UUID erasureId = UUID.randomUUID();
        int destroyed = keys.destroy(Subject.AGENT, PersonalData.Subject.ownerKey(USER_ID, userId), erasureId).size();
        for (String phone : phones) {
            destroyed += keys.destroy(Subject.AGENT, phone, erasureId).size();
        }
        long scrubbed = scrubAgent(userId, phones);
        rescrubLater(() -> scrubAgent(userId, phones));
        return record(new Erasure(erasureId, Subject.AGENT, userId, PersonalDataErasedEvent.REQUEST, destroyed, scrubbed,
                requestedBy, clock.instant()));
    }

    /** A customer's number. Refused while a customer binding with it lives (its provider binding needs B). */
    public Erasure eraseCustomer(String phone, String requestedBy) {
        Optional<Instant> liveUntil = readModels.liveCustomerBindingUntil(phone);
        if (liveUntil.isPresent()) {
            throw new Refused("customer " + PhoneMask.number(phone) + " is in a customer binding until " + liveUntil.get()
                    + ": unbind it first");
        }
        return eraseCustomer(phone, PersonalDataErasedEvent.REQUEST, requestedBy);
    }

    /**
     * The retention's pass: customers whose key was last used before {@code cutoff}. The read models name the numbers
     * they hold (their cells are scrubbed); the keys no read model knows of are destroyed by id.
     */
    public List<Erasure> shredCustomersUnusedSince(Instant cutoff, int limit) {
        List<Erasure> erased = new ArrayList<>();
        for (String phone : readModels.customerPhonesInactiveSince(cutoff, limit)) {
            Optional<Instant> lastUsed = keys.lastUsed(Subject.CUSTOMER, phone);
            if (lastUsed.map(used -> used.isBefore(cutoff)).orElse(true)
                    && readModels.liveCustomerBindingUntil(phone).isEmpty()) {
                erased.add(eraseCustomer(phone, PersonalDataErasedEvent.RETENTION, "retention"));
            }
        }
        for (UUID keyId : keys.customerKeysUnusedSince(cutoff, limit)) {
            UUID erasureId = UUID.randomUUID();
            if (keys.destroy(keyId, erasureId)) {
                erased.add(record(new Erasure(erasureId, Subject.CUSTOMER, null, PersonalDataErasedEvent.RETENTION, 1, 0,
                        "retention", clock.instant())));
            }
        }
        return erased;
    }

    public List<Erasure> list(int limit, int offset) {
        return jdbc.query("""
                SELECT erasure_id, subject, user_id, reason, keys_destroyed, cells_scrubbed, requested_by, erased_at
                  FROM personal_data_erasure ORDER BY erased_at DESC, erasure_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Erasure(rs.getObject(1, UUID.class), Subject.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
                limit, offset);
    }

    private Erasure eraseCustomer(String phone, String reason, String requestedBy) {
        UUID erasureId = UUID.randomUUID();
        int destroyed = keys.destroy(Subject.CUSTOMER, phone, erasureId).size();
        long scrubbed = scrubCustomer(phone);
        rescrubLater(() -> scrubCustomer(phone));
        return record(new Erasure(erasureId, Subject.CUSTOMER, null, reason, destroyed, scrubbed, requestedBy,
                clock.instant()));
    }

    private long scrubAgent(String userId, Collection<String> phones) {
        return lookups.scrubAgent(userId, phones) + readModels.scrubAgent(userId, phones) + scrubAuditReads(phones);
    }

    private long scrubCustomer(String phone) {
        return lookups.scrubCustomer(phone) + readModels.scrubCustomer(phone) + scrubAuditReads(List.of(phone));
    }

    /** The audit of reads keeps who searched by which phone; the phone goes, who and when stay. */
    private long scrubAuditReads(Collection<String> phones) {
        long changed = 0;
        for (String phone : phones) {
            changed += jdbc.update("UPDATE audit_read SET number = ? WHERE number = ?", PersonalData.ERASED, phone);
            changed += jdbc.update("UPDATE audit_read SET query = replace(query, ?, ?) WHERE strpos(query, ?) > 0",
                    phone, PersonalData.ERASED, phone);
        }
        return changed;
    }

    private Erasure record(Erasure erasure) {
        jdbc.update("""
                INSERT INTO personal_data_erasure (erasure_id, subject, user_id, reason, keys_destroyed, cells_scrubbed,
                                                   requested_by, erased_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", erasure.erasureId(), erasure.subject().name(), erasure.userId(),
                erasure.reason(), erasure.keysDestroyed(), erasure.cellsScrubbed(), erasure.requestedBy(),
                Timestamp.from(erasure.erasedAt()));
        events.publish(new PersonalDataErasedEvent(erasure.erasureId().toString(), erasure.subject(), erasure.userId(),
                erasure.reason(), erasure.keysDestroyed(), erasure.erasedAt()));
        log.info("personal data erased: {} {} ({}), {} keys destroyed, {} cells scrubbed", erasure.subject(),
                erasure.userId() == null ? "customer" : erasure.userId(), erasure.reason(), erasure.keysDestroyed(),
                erasure.cellsScrubbed());
        return erasure;
    }

    private void rescrubLater(Runnable scrub) {
        rescrubs.schedule(() -> {
            try {
                scrub.run();
            } catch (RuntimeException e) {
                log.warn("the second scrub of an erasure failed; repeat the erasure: {}", e.toString());
            }
        }, rescrubDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        rescrubs.shutdownNow();
    }
}
