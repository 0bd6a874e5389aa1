package com.pnhub.app.privacy;

import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.Aead;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.app.support.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two service instances over one database, each with its own Redis connection and {@link KeyEvictions}: when one
 * destroys a key the other stops decrypting with its cached copy within moments. The caches live ten minutes here, so
 * only the message can explain it; a third instance that hears no message keeps its copy, which shows the cache is
 * in play.
 */
class KeyEvictionsIntegrationTest {

    private static final Duration LONG_TTL = Duration.ofMinutes(10);

    private static JdbcTemplate jdbc;
    private static Aead master;

    private LettuceConnectionFactory redis1;
    private LettuceConnectionFactory redis2;
    private KeyEvictions evictions1;
    private KeyEvictions evictions2;
    private PersonalDataKeys keys1;
    private PersonalDataKeys keys2;
    private PersonalDataKeys deaf;

    @BeforeAll
    static void database() {
        jdbc = PrivacyTestStores.migratedDatabase("pdevict");
        master = PrivacyTestStores.newMasterKey();
    }

    @BeforeEach
    void twoInstances() {
        keys1 = new PersonalDataKeys(jdbc, master, LONG_TTL, Clock.systemUTC());
        keys2 = new PersonalDataKeys(jdbc, master, LONG_TTL, Clock.systemUTC());
        deaf = new PersonalDataKeys(jdbc, master, LONG_TTL, Clock.systemUTC());
        redis1 = redis();
        redis2 = redis();
        evictions1 = new KeyEvictions(redis1, keys1);
        evictions2 = new KeyEvictions(redis2, keys2);
    }

    @AfterEach
    void stop() throws Exception {
        evictions1.close();
        evictions2.close();
        redis1.destroy();
        redis2.destroy();
    }

    @Test
    void canStopAnotherInstanceDecryptingWithADestroyedKeyAtOnce() {
        String number = PrivacyTestStores.randomNumber();
        PersonalDataCipher cipher1 = new PersonalDataCipher(keys1, true);
        PersonalDataCipher deafCipher = new PersonalDataCipher(deaf, true);
        String stored = cipher1.encrypt(CUSTOMER, number);
        UUID key = keys1.keyFor(CUSTOMER, number).id();
        assertThat(cipher1.decrypt(stored)).isEqualTo(number);
        assertThat(deafCipher.decrypt(stored)).isEqualTo(number);

        assertThat(keys2.destroy(CUSTOMER, number, UUID.randomUUID())).containsExactly(key);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(cipher1.decrypt(stored))
                .isEqualTo(PersonalData.ERASED));
        assertThat(deafCipher.decrypt(stored)).as("no message, the cached copy until the TTL").isEqualTo(number);
        // the number's live key was forgotten too: what instance 1 encrypts next is under a new key
        UUID next = keys1.keyFor(CUSTOMER, number).id();
        assertThat(next).isNotEqualTo(key);
        assertThat(keys2.keyFor(CUSTOMER, number).id()).isEqualTo(next);
    }

    @Test
    void canStopAnotherInstanceEncryptingWithAKeyTheRetentionDestroyed() {
        String number = PrivacyTestStores.randomNumber();
        PersonalDataCipher cipher1 = new PersonalDataCipher(keys1, true);
        String stored = cipher1.encrypt(CUSTOMER, number);
        UUID key = keys1.keyFor(CUSTOMER, number).id();
        assertThat(cipher1.decrypt(stored)).isEqualTo(number);

        // the retention's sweep destroys by id, knowing no number
        assertThat(keys2.destroy(key, UUID.randomUUID())).isTrue();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(cipher1.decrypt(stored))
                .isEqualTo(PersonalData.ERASED));
        assertThat(keys1.keyFor(CUSTOMER, number).id()).as("not the destroyed key").isNotEqualTo(key);
        String sealedAgain = cipher1.encrypt(CUSTOMER, number);
        assertThat(new PersonalDataCipher(keys2, true).decrypt(sealedAgain)).isEqualTo(number);
    }

    private static LettuceConnectionFactory redis() {
        Map<String, Object> props = TestInfrastructure.get().springProperties();
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(
                String.valueOf(props.get("spring.data.redis.host")),
                Integer.parseInt(String.valueOf(props.get("spring.data.redis.port"))));
        // the embedded Redis (used where the machine's does not answer) requires the password made for its start
        Object password = props.get("spring.data.redis.password");
        if (password != null) {
            server.setPassword(String.valueOf(password));
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
