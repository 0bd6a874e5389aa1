package com.pnhub.bridge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.legacy.LegacyQueueRoutes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The body written to {@code pnhub.events}: every {@code @PersonalData} field masked, the rest as stored. */
class PersonalDataMaskingTest {

    /** An 11-digit mobile anywhere in a text: what must never be left on the exchange. */
    private static final Pattern CLEAR_PHONE = Pattern.compile("(?<!\\d)1\\d{10}(?!\\d)");
    private static final String A = "13470110001";
    private static final String A_OLD = "13998765432";
    private static final String B = "13900001234";
    private static final String X = "17111526089";
    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
    private static final ClientBindingContext HOUSE = new ClientBindingContext(2, 880011, 0, 0);

    private final JsonMapper plain = JsonMapper.builder().build();
    private final JsonMapper masking = PersonalDataMasking.masking(plain);

    @Test
    void canMaskAandBOfACustomerBinding() {
        String json = masking.writeValueAsString(new XbBoundEvent(X, "op-1", "b-1", 7, "74705", A, B, "1000039976446302",
                T, HOUSE, Platform.ALIYUN, 17));

        assertNoClearPhone(json);
        JsonNode n = masking.readTree(json);
        assertThat(n.get("phoneA").asString()).isEqualTo("1347011****");
        assertThat(n.get("phoneB").asString()).isEqualTo("1390000****");
        // X is the company's and the subscription names the binding: both as stored
        assertThat(n.get("number").asString()).isEqualTo(X);
        assertThat(n.get("subsId").asString()).isEqualTo("1000039976446302");
        assertThat(n.get("context").get("mapId").asLong()).isEqualTo(880011);
        assertThat(n.get("platform").asString()).isEqualTo("ALIYUN");
    }

    @Test
    void cannotKeepADepartedPhoneInClear() {
        String json = masking.writeValueAsString(new AgentProfileUpdatedEvent("74705", "张三", A, A_OLD));

        assertNoClearPhone(json);
        assertThat(json).isEqualTo("{\"userId\":\"74705\",\"name\":\"张三\",\"phone\":\"1347011****\","
                + "\"previousPhone\":\"1399876****\"}");
    }

    @Test
    void canMaskEveryPhoneOfAPhoneChange() {
        String json = masking.writeValueAsString(new AgentPhoneChangedEvent("74705", A_OLD, A, "13812345678", false, "op"));

        assertNoClearPhone(json);
        assertThat(json).isEqualTo("{\"userId\":\"74705\",\"previousPhone\":\"1399876****\",\"newPhone\":\"1347011****\","
                + "\"reportedOldPhone\":\"1381234****\",\"reportedOldPhoneMatched\":false,\"operator\":\"op\"}");
    }

    @Test
    void canMaskTheRecordsNestedInACall() {
        CallRecord record = new CallRecord("call-1", "1000039976446302", A, B, 0, T, T.plusSeconds(3), T.plusSeconds(60),
                16, 1, "FC100000");
        CallAttribution attribution = new CallAttribution(CallAttribution.XB, "74705", A, "b-1", 7L, HOUSE);
        String json = masking.writeValueAsString(new CallRecordedEvent(X, record, attribution));

        assertNoClearPhone(json);
        JsonNode n = masking.readTree(json);
        assertThat(n.get("record").get("phoneA").asString()).isEqualTo("1347011****");
        assertThat(n.get("record").get("phoneB").asString()).isEqualTo("1390000****");
        assertThat(n.get("attribution").get("phoneA").asString()).isEqualTo("1347011****");
        assertThat(n.get("record").get("callId").asString()).isEqualTo("call-1");
        assertThat(n.get("attribution").get("userId").asString()).isEqualTo("74705");
        assertThat(n.get("number").asString()).isEqualTo(X);
    }

    @Test
    void canLeaveNullAndErasedAsTheyAre() {
        String json = masking.writeValueAsString(new AgentProfileUpdatedEvent("74705", "张三", PersonalData.ERASED, null));

        assertThat(json).isEqualTo("{\"userId\":\"74705\",\"name\":\"张三\",\"phone\":\"erased\",\"previousPhone\":null}");
        CallRecordedEvent unattributed = new CallRecordedEvent(X, new CallRecord("call-2", "s", PersonalData.ERASED, B, 1,
                T, T, T, null, null, null), CallAttribution.none());
        JsonNode n = masking.readTree(masking.writeValueAsString(unattributed));
        assertThat(n.get("record").get("phoneA").asString()).isEqualTo("erased");
        assertThat(n.get("attribution").get("phoneA").isNull()).isTrue();
    }

    @Test
    void canWriteAnEventWithoutPersonalDataAsBefore() {
        NumberRegisteredEvent e = new NumberRegisteredEvent(X, Platform.ALIYUN, 17, 1);

        assertThat(masking.writeValueAsString(e)).isEqualTo(plain.writeValueAsString(e))
                .isEqualTo("{\"number\":\"17111526089\",\"platform\":\"ALIYUN\",\"poolId\":17,\"regionId\":1}");
    }

    @Test
    void cannotChangeTheMapperItIsGiven() {
        JsonMapper indenting = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        JsonMapper copy = PersonalDataMasking.masking(indenting);
        AgentProfileUpdatedEvent e = new AgentProfileUpdatedEvent("74705", "张三", A, null);

        // the application's mapper (HTTP, Axon) still writes the stored value; the copy keeps its settings
        assertThat(indenting.writeValueAsString(e)).contains(A);
        assertThat(copy.writeValueAsString(e)).contains("1347011****").contains("\n").doesNotContain(A);
    }

    /**
     * The rule has no exception: every event record of shared-api that has a personal field, filled with a distinct
     * real number in each (nested records too), leaves none of them in clear. A new event is covered by the scan.
     */
    @Test
    void cannotPublishAnyPersonalFieldOfAnyEventInClear() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Event"));
        List<String> checked = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.pnhub.api")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (!type.isRecord()) {
                continue;
            }
            List<String> phones = new ArrayList<>();
            Object event = sample(type, phones);
            String json = masking.writeValueAsString(event);
            assertNoClearPhone(json);
            for (String phone : phones) {
                assertThat(json).as(type.getSimpleName()).contains("\"" + phone.substring(0, 7) + "****\"");
            }
            if (!phones.isEmpty()) {
                checked.add(type.getSimpleName());
            }
        }
        assertThat(checked).contains("XbBoundEvent", "XbBindingExpiredEvent", "AgentProfileUpdatedEvent",
                "AgentPhoneChangedEvent", "CallRecordedEvent", "AxBoundEvent", "NumberTransferredEvent");
    }

    /** MQ108 is the contract's record, written with the application's mapper: the masking copy is not involved. */
    @Test
    void canPublishMaskedOnTheExchangeAndTheContractShapeOnTheLegacyQueue() {
        XbBindingExpiredEvent expired = new XbBindingExpiredEvent(X, "b-1", "74705", A, B, "1000039976446302", T,
                Platform.ALIYUN, 17);

        List<ConfirmedPublisher.Outgoing> sent = publish(expired);

        assertThat(sent).hasSize(2);
        String event = new String(sent.get(0).message().getBody(), StandardCharsets.UTF_8);
        assertThat(sent.get(0).exchange()).isEqualTo(BridgeTopology.EVENTS_EXCHANGE);
        assertNoClearPhone(event);
        assertThat(event).contains("\"phoneA\":\"1347011****\"", "\"phoneB\":\"1390000****\"");
        assertThat(sent.get(1).routingKey()).isEqualTo(BridgeTopology.MQ108_PRIVATE_NUMBER_XNB);
        assertThat(new String(sent.get(1).message().getBody(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"platId\":3,\"telA\":\"1347011****\",\"telX\":\"17111526089\",\"telB\":\"1390000****\","
                        + "\"subId\":\"1000039976446302\"}");
    }

    /** A customer erased before the expiry was published: MQ108 says so, its consumer still ends the binding. */
    @Test
    void canSendTheErasedMarkerOnTheLegacyQueue() {
        XbBindingExpiredEvent expired = new XbBindingExpiredEvent(X, "b-1", "74705", A, PersonalData.ERASED, "s1", T,
                Platform.ALIYUN, 17);

        List<ConfirmedPublisher.Outgoing> sent = publish(expired);

        assertThat(new String(sent.get(1).message().getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"platId\":3,\"telA\":\"1347011****\",\"telX\":\"17111526089\",\"telB\":\"erased\",\"subId\":\"s1\"}");
    }

    /** What the publisher sends for one event outside a unit of work (at once), with the production routes. */
    private List<ConfirmedPublisher.Outgoing> publish(Object payload) {
        ConfirmedPublisher confirmed = mock(ConfirmedPublisher.class);
        List<ConfirmedPublisher.Outgoing> sent = new ArrayList<>();
        doAnswer(inv -> sent.addAll(inv.getArgument(0))).when(confirmed).publishAll(any());
        LegacyMessageRoutes routes = new LegacyMessageRoutes();
        LegacyQueueRoutes.registerAll(routes);
        new EventPublisher(confirmed, routes, plain, new SimpleMeterRegistry())
                .on(payload, GenericEventMessage.asEventMessage(payload));
        return sent;
    }

    private static void assertNoClearPhone(String json) {
        assertThat(CLEAR_PHONE.matcher(json.replace(X, "X")).find()).as(json).isFalse();
    }

    /**
     * A record with every component filled: a distinct real number in each personal field (collected in
     * {@code phones}), a text without digits in any other string, the first constant of an enum, nested records filled
     * the same way.
     */
    private static Object sample(Class<?> type, List<String> phones) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Class<?> t = c.getType();
            types[i] = t;
            if (c.isAnnotationPresent(PersonalData.class)) {
                String phone = "1380000" + String.format("%04d", phones.size() + 1);
                phones.add(phone);
                values[i] = phone;
            } else if (t == String.class) {
                values[i] = "v-" + c.getName();
            } else if (t == long.class) {
                values[i] = 1L;
            } else if (t == int.class) {
                values[i] = 1;
            } else if (t == boolean.class) {
                values[i] = true;
            } else if (t == Instant.class) {
                values[i] = T;
            } else if (t.isEnum()) {
                values[i] = t.getEnumConstants()[0];
            } else if (t.isRecord()) {
                values[i] = sample(t, phones);
            } else if (List.class.isAssignableFrom(t) || Collection.class.isAssignableFrom(t)) {
                values[i] = List.of();
            } else if (Map.class.isAssignableFrom(t)) {
                values[i] = Map.of();
            }
        }
        var ctor = type.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(values);
    }
}
