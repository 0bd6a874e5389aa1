package com.pnhub.app.privacy;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.pnhub.app.privacy.PersonalDataKeys.DataKey;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys on a real PostgreSQL of their own (V16): one per number and subject, found again by any instance,
 * made once when instances race, gone for good once destroyed, useless under another master key, and touched no more
 * than hourly.
 */
class PersonalDataKeysIntegrationTest {

    private static final byte[] AD = "test".getBytes(StandardCharsets.US_ASCII);
    private static final int RACERS = 4;

    private static JdbcTemplate jdbc;
    private static Aead master;
    private static ExecutorService threads;

    @BeforeAll
    static void database() {
        jdbc = PrivacyTestStores.migratedDatabase("pdkeys");
        master = PrivacyTestStores.newMasterKey();
        threads = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Found by the bench: a key connection taken on a command's thread was bound to the command's transaction until it
     * committed, so a few commands waiting on each other's locks held every key connection and the others timed out.
     * Here more commands than the key pool has connections each make a key inside a transaction of their own and then
     * wait until all of them have one.
     */
    @Test
    void canMakeKeysForMoreCommandsAtOnceThanTheKeyPoolHasConnectionsWhileEachHoldsItsTransaction() throws Exception {
        DriverManagerDataSource commandsDatabase = (DriverManagerDataSource) jdbc.getDataSource();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(commandsDatabase.getUrl());
        config.setUsername(commandsDatabase.getUsername());
        config.setPassword(commandsDatabase.getPassword());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(3_000);
        int commands = 6;
        ExecutorService commandThreads = Executors.newFixedThreadPool(commands);
        try (HikariDataSource keyPool = new HikariDataSource(config)) {
            PersonalDataKeys keys = new PersonalDataKeys(new JdbcTemplate(keyPool), master, Duration.ofMinutes(10),
                    Clock.systemUTC());
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(commandsDatabase));
            CountDownLatch allKeyed = new CountDownLatch(commands);
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                done.add(commandThreads.submit(() -> transaction.execute(status -> {
                    keys.keyFor(CUSTOMER, PrivacyTestStores.randomNumber());
                    allKeyed.countDown();
                    try {
                        return allKeyed.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
            }
            for (Future<Boolean> command : done) {
                assertThat(command.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            commandThreads.shutdownNow();
        }
    }

    @Test
    void canMakeOneKeyPerNumberAndFindItAgain() throws Exception {
        String number = PrivacyTestStores.randomNumber();
        PersonalDataKeys keys = instance();
        DataKey made = keys.keyFor(AGENT, number);

        assertThat(keys.keyFor(AGENT, number).id()).isEqualTo(made.id());
        assertThat(instance().keyFor(AGENT, number).id()).as("another instance finds it by the number").isEqualTo(made.id());
        assertThat(instance().keyFor(CUSTOMER, number).id()).as("the same digits as a customer's").isNotEqualTo(made.id());
        assertThat(keys.keyFor(AGENT, PrivacyTestStores.randomNumber()).id()).isNotEqualTo(made.id());
        byte[] sealed = made.aead().encrypt("sealed".getBytes(StandardCharsets.UTF_8), AD);
        assertThat(instance().keyById(made.id())).as("another instance, by the id a field names").get()
                .satisfies(aead -> assertThat(aead.decrypt(sealed, AD)).asString(StandardCharsets.UTF_8).isEqualTo("sealed"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE key_id = ? AND subject = 'AGENT'"
                + " AND destroyed_at IS NULL", Integer.class, made.id())).isEqualTo(1);
    }

    @Test
    void canKeepEveryDigitOfTheNumberOutOfTheKeyRow() throws Exception {
        String number = PrivacyTestStores.randomNumber();
        UUID id = instance().keyFor(CUSTOMER, number).id();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM personal_data_key WHERE key_id = ?", id);
        assertThat(row).containsOnlyKeys("key_id", "subject", "subject_hash", "wrapped_key", "created_at", "last_used_at",
                "destroyed_at", "erasure_id");
        for (Map.Entry<String, Object> column : row.entrySet()) {
            assertThat(readable(column.getValue())).as(column.getKey())
                    .doesNotContain(number).doesNotContain(number.substring(3)).doesNotContain(number.substring(0, 7));
        }
        byte[] hash = (byte[]) row.get("subject_hash");
        // Tink's output: a 5-byte prefix naming the index key, then the 32-byte tag
        assertThat(hash).hasSize(37);
        byte[] tag = Arrays.copyOfRange(hash, 5, 37);
        // keyed: neither digest anyone could compute from a guessed number
        assertThat(tag).isNotEqualTo(sha256("CUSTOMER:" + number)).isNotEqualTo(sha256(number));
        assertThat(hash).isEqualTo(instance().hash(CUSTOMER, number));
        // and the table as PostgreSQL renders it
        assertThat(jdbc.queryForObject("SELECT string_agg(row_to_json(k)::text, ',') FROM personal_data_key k", String.class))
                .doesNotContain(number).doesNotContain(number.substring(3));
        assertThat(readable(jdbc.queryForObject("SELECT wrapped_key FROM personal_data_index_key", byte[].class)))
                .doesNotContain(number);
    }

    @Test
    void canHaveInstancesRacingForTheFirstKeyOfANumberEndWithOneKeyTheyAllUse() throws Exception {
        // a database of its own: the instances also race for the index key, which the first start makes
        JdbcTemplate fresh = PrivacyTestStores.migratedDatabase("pdrace");
        List<PersonalDataKeys> instances = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            instances.add(PrivacyTestStores.keys(fresh, master));
        }
        String first = PrivacyTestStores.randomNumber();
        List<byte[]> hashes = race(instances, keys -> keys.hash(CUSTOMER, first));
        assertThat(hashes).allSatisfy(hash -> assertThat(hash).isEqualTo(hashes.get(0)));
        assertThat(fresh.queryForObject("SELECT count(*) FROM personal_data_index_key", Integer.class)).isEqualTo(1);

        for (int round = 0; round < 25; round++) {
            String number = PrivacyTestStores.randomNumber();
            List<DataKey> keys = race(instances, k -> k.keyFor(CUSTOMER, number));
            assertThat(keys).extracting(DataKey::id).as("round %d", round).containsOnly(keys.get(0).id());
            assertThat(fresh.queryForObject("SELECT count(*) FROM personal_data_key WHERE subject = 'CUSTOMER'"
                    + " AND subject_hash = ?", Integer.class, instances.get(0).hash(CUSTOMER, number))).isEqualTo(1);
            byte[] sealed = keys.get(1).aead().encrypt(number.getBytes(StandardCharsets.UTF_8), AD);
            assertThat(keys.get(RACERS - 1).aead().decrypt(sealed, AD)).asString(StandardCharsets.UTF_8).isEqualTo(number);
        }
        assertThat(fresh.queryForObject("SELECT count(*) FROM personal_data_key", Integer.class)).isEqualTo(25);
    }

    @Test
    void canDestroyAKeySoThatNoInstanceFindsItAndTheNumberGetsANewOne() {
        String number = PrivacyTestStores.randomNumber();
        PersonalDataKeys keys = instance();
        PersonalDataKeys other = instance();
        DataKey first = keys.keyFor(CUSTOMER, number);
        assertThat(other.keyById(first.id())).isPresent();
        UUID erasure = UUID.randomUUID();

        assertThat(keys.destroy(CUSTOMER, number, erasure)).containsExactly(first.id());

        assertThat(keys.keyById(first.id())).isEmpty();
        assertThat(instance().keyById(first.id())).as("from the row").isEmpty();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM personal_data_key WHERE key_id = ?", first.id());
        assertThat(row.get("wrapped_key")).isNull();
        assertThat(row.get("destroyed_at")).isNotNull();
        assertThat(row.get("erasure_id")).isEqualTo(erasure);
        DataKey second = keys.keyFor(CUSTOMER, number);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(instance().keyFor(CUSTOMER, number).id()).isEqualTo(second.id());
        assertThat(keys.destroy(CUSTOMER, number, UUID.randomUUID())).as("only the live key").containsExactly(second.id());
        assertThat(keys.destroy(CUSTOMER, PrivacyTestStores.randomNumber(), UUID.randomUUID())).as("never had one").isEmpty();

        // by id, as the retention destroys a key
        DataKey third = keys.keyFor(CUSTOMER, number);
        assertThat(third.id()).isNotIn(first.id(), second.id());
        assertThat(keys.destroy(third.id(), erasure)).isTrue();
        assertThat(keys.destroy(third.id(), erasure)).as("gone already").isFalse();
        assertThat(keys.keyById(third.id())).isEmpty();
        assertThat(keys.keyFor(CUSTOMER, number).id()).isNotIn(first.id(), second.id(), third.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE subject_hash = ?"
                + " AND destroyed_at IS NULL", Integer.class, keys.hash(CUSTOMER, number))).isEqualTo(1);
    }

    @Test
    void canRefuseToUnwrapUnderAnotherMasterKey() {
        String number = PrivacyTestStores.randomNumber();
        DataKey made = instance().keyFor(AGENT, number);
        String stored = new PersonalDataCipher(instance(), true).encrypt(AGENT, number);
        PersonalDataKeys wrong = PrivacyTestStores.keys(jdbc, PrivacyTestStores.newMasterKey());

        assertThatThrownBy(() -> wrong.keyById(made.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("personal-data key " + made.id() + " cannot be unwrapped")
                .hasMessageContaining("master key");
        assertThatThrownBy(() -> wrong.keyFor(AGENT, number)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index key cannot be unwrapped").hasMessageContaining("master key");
        assertThatThrownBy(() -> new PersonalDataCipher(wrong, true).decrypt(stored)).as("never read as erased")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be unwrapped");
        // and it changed nothing
        assertThat(instance().keyFor(AGENT, number).id()).isEqualTo(made.id());
        assertThat(new PersonalDataCipher(instance(), true).decrypt(stored)).isEqualTo(number);
    }

    @Test
    void canTouchLastUsedAtNoMoreThanHourly() {
        String number = PrivacyTestStores.randomNumber();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PrivacyTestStores.MovableClock clock = new PrivacyTestStores.MovableClock(start);
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, master, Duration.ofMinutes(10), clock);
        keys.keyFor(CUSTOMER, number);
        Instant made = lastUsed(number);
        assertThat(made).isBetween(start.minusSeconds(60), start.plusSeconds(60));

        clock.advance(Duration.ofMinutes(30));
        keys.keyFor(CUSTOMER, number);
        clock.advance(Duration.ofMinutes(25));
        keys.keyFor(CUSTOMER, number);
        assertThat(lastUsed(number)).as("within the hour").isEqualTo(made);

        clock.set(made.plus(Duration.ofMinutes(61)));
        keys.keyFor(CUSTOMER, number);
        Instant touched = clock.instant();
        assertThat(lastUsed(number)).isEqualTo(touched);
        assertThat(keys.lastUsed(CUSTOMER, number)).contains(touched);

        clock.advance(Duration.ofMinutes(59));
        for (int i = 0; i < 5; i++) {
            keys.keyFor(CUSTOMER, number);
        }
        // another instance reads the time from the row, not its own first use
        new PersonalDataKeys(jdbc, master, Duration.ofMinutes(10), clock).keyFor(CUSTOMER, number);
        assertThat(lastUsed(number)).as("59 minutes after the touch").isEqualTo(touched);

        clock.advance(Duration.ofMinutes(2));
        keys.keyFor(CUSTOMER, number);
        assertThat(lastUsed(number)).isEqualTo(clock.instant());
        // reading does not count as use: the retention counts from the last encryption
        UUID id = keys.keyFor(CUSTOMER, number).id();
        clock.advance(Duration.ofHours(5));
        keys.keyById(id);
        assertThat(lastUsed(number)).isEqualTo(clock.instant().minus(Duration.ofHours(5)));
    }

    private Instant lastUsed(String number) {
        return jdbc.queryForObject("SELECT last_used_at FROM personal_data_key WHERE subject = 'CUSTOMER'"
                + " AND subject_hash = ? AND destroyed_at IS NULL", Timestamp.class, instance().hash(CUSTOMER, number))
                .toInstant();
    }

    private static PersonalDataKeys instance() {
        return PrivacyTestStores.keys(jdbc, master);
    }

    /** Every instance calls at the same moment, each on a thread of its own. */
    private static <T> List<T> race(List<PersonalDataKeys> instances, java.util.function.Function<PersonalDataKeys, T> call)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(instances.size());
        List<Future<T>> running = new ArrayList<>();
        for (PersonalDataKeys keys : instances) {
            running.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return call.apply(keys);
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    /** A value as text a number could be read from: bytes as ASCII and as hex. */
    private static String readable(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1) + " " + HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
