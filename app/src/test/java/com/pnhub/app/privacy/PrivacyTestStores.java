package com.pnhub.app.privacy;

import com.google.crypto.tink.Aead;
import com.pnhub.app.support.TestInfrastructure;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the focused privacy tests share: a migrated database of their own, master keys, numbers nobody else uses. */
final class PrivacyTestStores {

    private PrivacyTestStores() {
    }

    /** A new database on the test PostgreSQL, migrated by the application's Flyway scripts (V16 among them). */
    static JdbcTemplate migratedDatabase(String name) {
        Map<String, Object> props = TestInfrastructure.get().isolatedInstanceProperties(name);
        DriverManagerDataSource ds = new DriverManagerDataSource(String.valueOf(props.get("spring.datasource.url")),
                String.valueOf(props.get("spring.datasource.username")),
                String.valueOf(props.getOrDefault("spring.datasource.password", "")));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(ds);
    }

    static Aead newMasterKey() {
        byte[] raw = new byte[MasterKey.KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return MasterKey.aead(raw);
    }

    static PersonalDataKeys keys(JdbcTemplate jdbc, Aead master) {
        return new PersonalDataKeys(jdbc, master, Duration.ofMinutes(10), Clock.systemUTC());
    }

    /**
     * A random mobile number: random digits, so that finding it in a row's bytes means it was written there (a counter's
     * 13900000001 could turn up in ciphertext or in a hex dump by itself far more easily).
     */
    static String randomNumber() {
        return "13" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void set(Instant at) {
            now = at;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the tests read instants only");
        }
    }
}
