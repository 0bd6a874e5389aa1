package com.pnhub.app.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.pnhub.api.privacy.PersonalData.Subject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;

/**
 * The data keys, one per (subject, number), in {@code personal_data_key} (V16). Rows are read and written on a pool
 * of their own in autocommit: a key is made while an event is being serialized inside the command's transaction, and
 * it must neither wait for that transaction nor take a second connection from the pool the requests hold.
 * <p>
 * Every statement runs on a thread of the pool's own ({@link KeyRows}): on the caller's thread, Spring would bind the
 * key connection to the caller's transaction until it commits, and a few commands waiting for each other's locks
 * while holding the key connections would starve every other command of one (seen in the bench: 4 held, 6 waiting,
 * 30 s timeouts).
 * <p>
 * Both caches expire after {@code key-cache-ttl}: an instance that missed a destruction notice ({@link KeyEvictions})
 * stops using the destroyed key within that time. A key loads outside the caches' locks ({@link KeyCache}), so that a
 * load holds up only the callers of that key.
 */
public class PersonalDataKeys {

    /** A live data key: what the serializer encrypts with. */
    public record DataKey(UUID id, Aead aead, Instant lastUsed) {
    }

    private static final byte[] INDEX_KEY_AD = "pnhub personal_data_index_key".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TOUCH_EVERY = Duration.ofHours(1);

    private final KeyRows jdbc;
    private final Aead master;
    private final Clock clock;
    private final KeyCache<String, DataKey> bySubject;
    private final KeyCache<UUID, Optional<Aead>> byId;
    private volatile Consumer<UUID> destroyedListener = id -> { };
    private volatile Mac index;

    public PersonalDataKeys(JdbcTemplate jdbc, Aead master, Duration cacheTtl, Clock clock) {
        this.jdbc = new KeyRows(jdbc);
        this.master = master;
        this.clock = clock;
        this.bySubject = new KeyCache<>(cacheTtl, 200_000);
        this.byId = new KeyCache<>(cacheTtl, 200_000);
    }

    /** Told of every key this instance destroys, so that the other instances can forget it at once. */
    void onDestroyed(Consumer<UUID> listener) {
        this.destroyedListener = listener;
    }

    /** The live key of a number, made on first use. */
    public DataKey keyFor(Subject subject, String number) {
        String cacheKey = subject.name() + ':' + number;
        DataKey key = bySubject.get(cacheKey, () -> loadOrCreate(subject, number));
        if (Duration.between(key.lastUsed(), clock.instant()).compareTo(TOUCH_EVERY) > 0) {
            Instant now = clock.instant();
            jdbc.update("UPDATE personal_data_key SET last_used_at = ? WHERE key_id = ?", Timestamp.from(now), key.id());
            key = new DataKey(key.id(), key.aead(), now);
            bySubject.put(cacheKey, key);
        }
        return key;
    }

    /** The key a stored field names; empty once it was destroyed (the field reads as erased), an error if it never was. */
    public Optional<Aead> keyById(UUID id) {
        return byId.get(id, () -> load(id));
    }

    /** Destroys the live key of a number; the ids destroyed (none when the number never had one). */
    public List<UUID> destroy(Subject subject, String number, UUID erasureId) {
        List<UUID> ids = jdbc.queryForList("""
                UPDATE personal_data_key SET wrapped_key = NULL, destroyed_at = now(), erasure_id = ?
                 WHERE subject = ? AND subject_hash = ? AND destroyed_at IS NULL RETURNING key_id""",
                UUID.class, erasureId, subject.name(), hash(subject, number));
        bySubject.invalidate(subject.name() + ':' + number);
        ids.forEach(this::forget);
        return ids;
    }

    /** Destroys one key by its id (the retention's sweep, which knows no number); false if it was gone already. */
    public boolean destroy(UUID keyId, UUID erasureId) {
        int destroyed = jdbc.update("""
                UPDATE personal_data_key SET wrapped_key = NULL, destroyed_at = now(), erasure_id = ?
                 WHERE key_id = ? AND destroyed_at IS NULL""", erasureId, keyId);
        bySubject.invalidateValues(key -> key.id().equals(keyId));
        forget(keyId);
        return destroyed > 0;
    }

    /** Live customer keys last used before {@code cutoff}, oldest first, but those of the {@code kept} numbers. */
    public List<UUID> customerKeysUnusedSince(Instant cutoff, int limit, Collection<String> kept) {
        byte[][] keptHashes = kept.stream().map(number -> hash(Subject.CUSTOMER, number)).toArray(byte[][]::new);
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT key_id FROM personal_data_key
                     WHERE subject = ? AND destroyed_at IS NULL AND last_used_at < ? AND NOT (subject_hash = ANY (?))
                     ORDER BY last_used_at LIMIT ?""");
            statement.setString(1, Subject.CUSTOMER.name());
            statement.setTimestamp(2, Timestamp.from(cutoff));
            statement.setArray(3, connection.createArrayOf("bytea", keptHashes));
            statement.setInt(4, limit);
            return statement;
        }, (rs, n) -> rs.getObject(1, UUID.class));
    }

    /** When a number's live key was last used to encrypt; empty if it has none. */
    public Optional<Instant> lastUsed(Subject subject, String number) {
        return jdbc.queryForList("SELECT last_used_at FROM personal_data_key WHERE subject = ? AND subject_hash = ?"
                        + " AND destroyed_at IS NULL", Timestamp.class, subject.name(), hash(subject, number))
                .stream().findFirst().map(Timestamp::toInstant);
    }

    /** A destruction this instance was told of by another one. */
    void evict(UUID keyId) {
        byId.invalidate(keyId);
        bySubject.invalidateValues(key -> key.id().equals(keyId));
    }

    private void forget(UUID keyId) {
        byId.put(keyId, Optional.empty());
        destroyedListener.accept(keyId);
    }

    private DataKey loadOrCreate(Subject subject, String number) {
        byte[] hash = hash(subject, number);
        Optional<DataKey> existing = findLive(subject, hash);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master, associatedData(id));
            // two instances making the first key of one number at once: the unique index keeps one, both use it
            jdbc.update("""
                    INSERT INTO personal_data_key (key_id, subject, subject_hash, wrapped_key)
                    VALUES (?, ?, ?, ?) ON CONFLICT (subject, subject_hash) WHERE destroyed_at IS NULL DO NOTHING""",
                    id, subject.name(), hash, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a personal-data key cannot be made", e);
        }
        return findLive(subject, hash).orElseThrow(() -> new IllegalStateException("a personal-data key was made and is gone"));
    }

    private Optional<DataKey> findLive(Subject subject, byte[] hash) {
        return jdbc.query("SELECT key_id, wrapped_key, last_used_at FROM personal_data_key"
                        + " WHERE subject = ? AND subject_hash = ? AND destroyed_at IS NULL",
                (rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new DataKey(id, unwrap(id, rs.getBytes(2)), rs.getTimestamp(3).toInstant());
                }, subject.name(), hash).stream().findFirst();
    }

    private Optional<Aead> load(UUID id) {
        List<byte[]> wrapped = jdbc.queryForList("SELECT wrapped_key FROM personal_data_key WHERE key_id = ?",
                byte[].class, id);
        if (wrapped.isEmpty()) {
            // rows are never deleted (a destroyed key keeps its row), so this is no erasure: the field is corrupt, or
            // it is read against another database's keys; reading it as erased would quietly lose the number
            throw new IllegalStateException("personal-data key " + id + " is not in personal_data_key: the stored field"
                    + " is corrupt, or it is read against another database's keys");
        }
        if (wrapped.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(unwrap(id, wrapped.get(0)));
    }

    private Aead unwrap(UUID id, byte[] wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, associatedData(id))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal-data key " + id + " cannot be unwrapped: is this the master key it was"
                    + " made with?", e);
        }
    }

    byte[] hash(Subject subject, String number) {
        try {
            return indexKey().computeMac((subject.name() + ':' + number).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the personal-data index key cannot be used", e);
        }
    }

    /** The HMAC key of subject_hash: made by the first instance, wrapped by the master key like the data keys. */
    private Mac indexKey() {
        Mac mac = index;
        if (mac != null) {
            return mac;
        }
        synchronized (this) {
            if (index == null) {
                try {
                    MacConfig.register();
                    byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                            KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG), master, INDEX_KEY_AD);
                    jdbc.update("INSERT INTO personal_data_index_key (id, wrapped_key) VALUES (1, ?) ON CONFLICT DO NOTHING",
                            (Object) wrapped);
                    byte[] stored = jdbc.queryForObject("SELECT wrapped_key FROM personal_data_index_key WHERE id = 1",
                            byte[].class);
                    index = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, master, INDEX_KEY_AD)
                            .getPrimitive(RegistryConfiguration.get(), Mac.class);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the personal-data index key cannot be unwrapped: is this the master key"
                            + " it was made with?", e);
                }
            }
            return index;
        }
    }

    private static byte[] associatedData(UUID id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The key rows' statements, each on a thread of its own pool: there no transaction is active, so each statement
     * takes a connection in autocommit and gives it back at once, whatever transaction the caller is in.
     */
    private static final class KeyRows {

        private static final AtomicInteger THREADS = new AtomicInteger();

        private final JdbcTemplate jdbc;
        private final ThreadPoolExecutor threads;

        KeyRows(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.threads = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "personal-data-keys-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            threads.allowCoreThreadTimeOut(true);
        }

        int update(String sql, Object... args) {
            return run(() -> jdbc.update(sql, args));
        }

        <T> List<T> queryForList(String sql, Class<T> type, Object... args) {
            return run(() -> jdbc.queryForList(sql, type, args));
        }

        <T> T queryForObject(String sql, Class<T> type) {
            return run(() -> jdbc.queryForObject(sql, type));
        }

        <T> List<T> query(String sql, RowMapper<T> rows, Object... args) {
            return run(() -> jdbc.query(sql, rows, args));
        }

        <T> List<T> query(PreparedStatementCreator statement,
                          RowMapper<T> rows) {
            return run(() -> jdbc.query(statement, rows));
        }

        private <T> T run(Callable<T> statement) {
            Future<T> done = threads.submit(statement);
            try {
                return done.get();
            } catch (InterruptedException e) {
                done.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the personal-data keys", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
