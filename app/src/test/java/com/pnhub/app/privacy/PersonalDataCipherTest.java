package com.pnhub.app.privacy;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.command.number.ClientBinding;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal fields of real events and snapshot states through a Jackson 3 mapper with {@link PersonalDataModule},
 * as Axon's serializer has it: written as {@code pd1:} values, read back as they were, read as erased once their
 * key is gone, and read from the clear JSON of before issue 15. Keys on a PostgreSQL database of their own.
 */
class PersonalDataCipherTest {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1\\d{10}(?!\\d)");
    private static final ObjectMapper CLEAR = JsonMapper.builder().build();

    private static PersonalDataKeys keys;
    private static PersonalDataCipher cipher;
    private static ObjectMapper mapper;

    private final String x = "173" + PrivacyTestStores.randomNumber().substring(3);
    private final String phoneA = PrivacyTestStores.randomNumber();
    private final String phoneB = PrivacyTestStores.randomNumber();
    private final String userId = Long.toString(900_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000));
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final ClientBindingContext context = new ClientBindingContext(1, 880012L, 2, 77);
    private final String callId = "call-" + UUID.randomUUID().toString().replaceAll("\\d", "x");

    @BeforeAll
    static void keys() {
        JdbcTemplate jdbc = PrivacyTestStores.migratedDatabase("pdcipher");
        Aead master = PrivacyTestStores.newMasterKey();
        keys = PrivacyTestStores.keys(jdbc, master);
        cipher = new PersonalDataCipher(keys, true);
        mapper = JsonMapper.builder().addModule(new PersonalDataModule(cipher)).build();
    }

    @Test
    void canRoundTripABindingWithBothNumbersEncrypted() {
        XbBoundEvent event = xbBound(phoneB);
        JsonNode tree = roundTrip(event, x);

        assertSealed(tree, "/phoneA", keys.keyFor(AGENT, phoneA).id());
        assertSealed(tree, "/phoneB", keys.keyFor(CUSTOMER, phoneB).id());
        assertThat(tree.get("userId").asString()).isEqualTo(userId);
        assertThat(tree.get("number").asString()).as("X is the company's").isEqualTo(x);
        assertThat(mapper.readTree(mapper.writeValueAsString(event)).get("phoneA").asString()).as("a fresh nonce each time")
                .isNotEqualTo(tree.get("phoneA").asString());
    }

    @Test
    void canRoundTripAnAgentsNameUnderTheAgentsOwnKey() {
        String previous = PrivacyTestStores.randomNumber();
        JsonNode tree = roundTrip(new AgentProfileUpdatedEvent(userId, "张三丰", phoneA, previous));

        assertThat(tree.toString()).doesNotContain("张三丰");
        UUID nameKey = keys.keyFor(AGENT, PersonalData.Subject.ownerKey("userId", userId)).id();
        assertSealed(tree, "/name", nameKey);
        assertSealed(tree, "/phone", keys.keyFor(AGENT, phoneA).id());
        assertThat(nameKey).isNotEqualTo(keys.keyFor(AGENT, phoneA).id());
        assertSealed(tree, "/previousPhone", keys.keyFor(AGENT, previous).id());

        JsonNode fresh = roundTrip(new AgentProfileUpdatedEvent(userId, "张三丰", phoneA, null));
        assertThat(fresh.get("previousPhone").isNull()).isTrue();
    }

    @Test
    void canRoundTripACallWithItsNestedRecordAndAttribution() {
        JsonNode tree = roundTrip(callRecorded(phoneB), x);

        assertSealed(tree, "/record/phoneA", keys.keyFor(AGENT, phoneA).id());
        assertSealed(tree, "/record/phoneB", keys.keyFor(CUSTOMER, phoneB).id());
        assertSealed(tree, "/attribution/phoneA", keys.keyFor(AGENT, phoneA).id());
    }

    @Test
    void canRoundTripTheCommandSidesSnapshotStates() throws Exception {
        // Binding is the number aggregate's own (package-private) state: reached by name, as the snapshot names it
        Class<?> binding = Class.forName("com.pnhub.command.number.Binding");
        Object bound = construct("com.pnhub.command.number.Binding$Bound", phoneA, "subs-9");
        Object changing = construct("com.pnhub.command.number.Binding$ChangingA", "op-1", bound,
                PrivacyTestStores.randomNumber(), null, null);
        for (Object state : List.of(bound, changing)) {
            String json = mapper.writerFor(binding).writeValueAsString(state);
            assertThat(mobiles(json)).as(json).isEmpty();
            assertThat(json).contains(PersonalDataCipher.PREFIX).contains("\"state\"");
            assertThat(mapper.readerFor(binding).<Object>readValue(json)).isEqualTo(state);
        }
        JsonNode view = roundTrip(new ClientBinding.View("b-1", 42L, userId, phoneB, "subs-1", at, "LIVE"));
        assertSealed(view, "/phoneB", keys.keyFor(CUSTOMER, phoneB).id());
    }

    @Test
    void canReadTheClearJsonWrittenBeforeIssue15() {
        for (Object event : List.of(xbBound(phoneB), callRecorded(phoneB),
                new AgentProfileUpdatedEvent(userId, "李四", phoneA, PrivacyTestStores.randomNumber()))) {
            String legacy = CLEAR.writeValueAsString(event);
            assertThat(legacy).contains(phoneA);
            assertThat(mapper.readValue(legacy, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void canReadACustomersNumberAsErasedOnceItsKeyIsDestroyedAndTheAgentsStillAsItWas() {
        String bound = mapper.writeValueAsString(xbBound(phoneB));
        String call = mapper.writeValueAsString(callRecorded(phoneB));
        String profile = mapper.writeValueAsString(new AgentProfileUpdatedEvent(userId, "王五", phoneA, null));
        String otherCustomer = PrivacyTestStores.randomNumber();
        String otherCall = mapper.writeValueAsString(callRecorded(otherCustomer));

        assertThat(keys.destroy(CUSTOMER, phoneB, UUID.randomUUID())).hasSize(1);

        assertThat(mapper.readValue(bound, XbBoundEvent.class)).isEqualTo(xbBound(PersonalData.ERASED));
        assertThat(mapper.readValue(call, CallRecordedEvent.class)).isEqualTo(callRecorded(PersonalData.ERASED));
        assertThat(mapper.readValue(profile, AgentProfileUpdatedEvent.class))
                .isEqualTo(new AgentProfileUpdatedEvent(userId, "王五", phoneA, null));
        assertThat(mapper.readValue(otherCall, CallRecordedEvent.class)).isEqualTo(callRecorded(otherCustomer));
        // the customer calls again: a new key, and the old copies stay erased
        String again = mapper.writeValueAsString(xbBound(phoneB));
        assertThat(mapper.readValue(again, XbBoundEvent.class)).isEqualTo(xbBound(phoneB));
        assertThat(mapper.readValue(bound, XbBoundEvent.class).phoneB()).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void canEraseAnAgentsNameByItsOwnKeyAlone() {
        String profile = mapper.writeValueAsString(new AgentProfileUpdatedEvent(userId, "赵六", phoneA, null));

        keys.destroy(AGENT, PersonalData.Subject.ownerKey("userId", userId), UUID.randomUUID());

        assertThat(mapper.readValue(profile, AgentProfileUpdatedEvent.class))
                .isEqualTo(new AgentProfileUpdatedEvent(userId, PersonalData.ERASED, phoneA, null));
    }

    @Test
    void canWriteClearWithEncryptionOffAndStillReadWhatWasEncrypted() {
        String newA = PrivacyTestStores.randomNumber();
        String newB = PrivacyTestStores.randomNumber();
        XbBoundEvent event = new XbBoundEvent(x, "op-2", "bind-2", 8L, userId, newA, newB, "subs-2", at, context,
                Platform.DONGXIN, 3L);
        ObjectMapper off = JsonMapper.builder().addModule(new PersonalDataModule(new PersonalDataCipher(keys, false))).build();

        String clear = off.writeValueAsString(event);
        assertThat(clear).isEqualTo(CLEAR.writeValueAsString(event));
        assertThat(keys.lastUsed(AGENT, newA)).as("no key made").isEmpty();
        assertThat(keys.lastUsed(CUSTOMER, newB)).as("no key made").isEmpty();

        String encrypted = mapper.writeValueAsString(event);
        assertThat(off.readValue(encrypted, XbBoundEvent.class)).isEqualTo(event);
        assertThat(off.readValue(clear, XbBoundEvent.class)).isEqualTo(event);
    }

    @Test
    void canLeaveWhatNeedsNoEncryptionAsItIs() {
        String sealed = cipher.encrypt(CUSTOMER, phoneB);
        assertThat(cipher.encrypt(CUSTOMER, sealed)).as("encrypted once only (the migration re-runs)").isEqualTo(sealed);
        assertThat(cipher.encrypt(CUSTOMER, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(cipher.encrypt(CUSTOMER, "")).isEmpty();
        assertThat(cipher.encrypt(CUSTOMER, null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
        assertThat(cipher.decrypt(phoneB)).isEqualTo(phoneB);
    }

    @Test
    void canFailLoudlyOnAMalformedValueRatherThanReadItAsErased() {
        String sealed = cipher.encrypt(CUSTOMER, phoneB);
        UUID key = keys.keyFor(CUSTOMER, phoneB).id();
        String body = sealed.substring(PersonalDataCipher.PREFIX.length() + 37);
        byte[] tampered = Base64.getUrlDecoder().decode(body);
        tampered[tampered.length - 1] ^= 1;
        List<String> malformed = new ArrayList<>(List.of(
                "pd1:" + key + ":***not base64***",
                "pd1:" + key + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered),
                "pd1:" + key + ":" + body.substring(0, body.length() / 2),
                // a key that never was (rows are never deleted, a destroyed one keeps its row): a corrupt value, or
                // events read against another database's keys; neither is an erasure
                "pd1:" + UUID.randomUUID() + ":" + body));
        for (String value : malformed) {
            assertThatIllegalStateException().as(value).isThrownBy(() -> cipher.decrypt(value));
            String json = CLEAR.writeValueAsString(xbBound(value));
            assertThatThrownBy(() -> mapper.readValue(json, XbBoundEvent.class)).as(value)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(IllegalStateException.class::isInstance));
        }
        assertThat(cipher.decrypt(sealed)).isEqualTo(phoneB);
    }

    @Test
    void canEncryptAFreeTextThatOnlyLooksLikeAStoredForm() {
        for (String text : List.of("pd1:", "pd1:张三", "pd1:not-a-key-id-not-a-key-id-not-a-ke:xyz",
                "pd1:" + UUID.randomUUID())) {
            assertThat(cipher.decrypt(text)).as("stored in clear before issue 15: read as it is").isEqualTo(text);
            String sealed = cipher.encrypt(CUSTOMER, text);
            assertThat(sealed).as(text).isNotEqualTo(text);
            assertThat(cipher.decrypt(sealed)).isEqualTo(text);
        }
    }

    private XbBoundEvent xbBound(String b) {
        return new XbBoundEvent(x, "op-1", "bind-1", 7L, userId, phoneA, b, "subs-1", at, context, Platform.ALIYUN, 2L);
    }

    private CallRecordedEvent callRecorded(String b) {
        CallRecord record = new CallRecord(callId, "subs-1", phoneA, b, 0, at, at.plusSeconds(3), at.plusSeconds(45), 16, 1,
                "FC100000");
        return new CallRecordedEvent(x, record, new CallAttribution(CallAttribution.XB, userId, phoneA, "bind-1", 7L, context));
    }

    /** Written with no mobile number but {@code clear} ones in sight, read back equal; the JSON as written. */
    private static JsonNode roundTrip(Object event, String... clear) {
        String json = mapper.writeValueAsString(event);
        assertThat(mobiles(json)).as(json).allMatch(List.of(clear)::contains);
        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
        return mapper.readTree(json);
    }

    private static void assertSealed(JsonNode tree, String pointer, UUID key) {
        assertThat(tree.at(pointer).asString()).as(pointer).startsWith(PersonalDataCipher.PREFIX + key + ':');
    }

    private static Object construct(String type, Object... args) throws Exception {
        Constructor<?> constructor = Class.forName(type).getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    private static List<String> mobiles(String json) {
        List<String> found = new ArrayList<>();
        Matcher m = MOBILE.matcher(json);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
