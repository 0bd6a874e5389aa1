package com.pnhub.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;
import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.CallRecordedEvent;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PersonalData.Subject;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.app.config.AxonSerializationConfig;
import com.pnhub.app.config.AxonStorageConfig;
import com.pnhub.app.config.WriteModelRevision2Upcaster;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.app.support.WriteModelRevision1Fixture;
import com.pnhub.command.fault.FailoverSaga;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 15's migration on a database of its own: the events an earlier build wrote (write-model revision 1, the CSV
 * fixture) and events, a snapshot, a saga and a dead letter written by today's code as it was before issue 15 (Axon's
 * jackson3 serializer without the {@link PersonalDataModule}), all with personal fields in clear. The one-off job
 * encrypts them where they lie: afterwards no mobile of the fixture is left in any stored payload, every event reads as
 * the same event at the same place, a second run has nothing to do, and one person's erasure reads as erased for them
 * only.
 */
class PersonalDataMigrationIntegrationTest {

    /**
     * An 11-digit mainland mobile on its own. Subscription ids (16 digits) and epoch-based numbers do not match. The
     * X numbers (1730000000n) do, and must stay: they are the company's own, never personal (PersonalData's javadoc),
     * and they are the stream identifiers and the association values that everything is found by.
     */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1\\d{10}(?!\\d)");
    private static final String X = "17300000001";
    private static final String X2 = "17300000002";
    private static final String A1 = "13470110012";
    private static final String A1_NEW = "13470110013";
    private static final String A2 = "15900159002";
    private static final String B = "13800138001";
    private static final String SAGA_ID = "failover-" + X2;
    private static final String GROUP = "pnhub-test-projection";

    private JdbcTemplate jdbc;
    private ConnectionProvider connections;
    private PersonalDataKeys keys;

    @Test
    void canEncryptEverythingStoredInClearAndReadItAsBefore() throws Exception {
        storeWrittenBefore();
        Set<String> xNumbers = new TreeSet<>(jdbc.queryForList(
                "SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE type = 'PrivateNumber'", String.class));
        assertThat(xNumbers).hasSize(6).allMatch(x -> x.startsWith("173"));
        // the regex does find the personal numbers in clear before: the assertion after is not vacuous
        assertThat(mobilesStored()).containsAll(xNumbers).contains(A1, A1_NEW, A2, B, "13700051234", "13470110021");

        PersonalDataCipher cipher = new PersonalDataCipher(keys, true);
        EventStorageEngine storage = storage(serializer(cipher));
        List<Read> before = readAll(storage);
        PrivateNumber snapshotBefore = snapshot(storage, X);
        PrivateNumber snapshot2Before = snapshot(storage, X2);
        FailoverSaga sagaBefore = sagaStore(serializer(cipher)).loadSaga(FailoverSaga.class, SAGA_ID).saga();
        EventMessage<?> deadBefore = deadLetter(serializer(cipher));
        assertThat(before).hasSize(34 + 7);

        List<PersonalDataMigration.TablePass> passes = new PersonalDataMigration(jdbc, cipher, 2).run();

        assertThat(passes).extracting(PersonalDataMigration.TablePass::table).containsExactly("domain_event_entry",
                "snapshot_event_entry", "saga_entry", "dead_letter_entry");
        assertThat(passes).allMatch(p -> p.rewritten() > 0);
        assertThat(passes).extracting(PersonalDataMigration.TablePass::scanned).containsExactly(34L + 7, 2L, 1L, 1L);
        assertThat(mobilesStored()).as("only the X numbers are left in clear").isEqualTo(xNumbers);
        assertThat(stored()).noneMatch(text -> text.contains("张三") || text.contains("李四"));

        List<Read> after = readAll(storage);
        assertThat(after).isEqualTo(before);
        assertThat(snapshot(storage, X)).usingRecursiveComparison().isEqualTo(snapshotBefore);
        assertThat(snapshot(storage, X).view()).isEqualTo(snapshotBefore.view());
        assertThat(snapshot(storage, X2).view()).isEqualTo(snapshot2Before.view());
        assertThat(sagaStore(serializer(cipher)).loadSaga(FailoverSaga.class, SAGA_ID).saga())
                .usingRecursiveComparison().isEqualTo(sagaBefore);
        EventMessage<?> deadAfter = deadLetter(serializer(cipher));
        assertThat(deadAfter.getPayload()).isEqualTo(deadBefore.getPayload());
        assertThat(deadAfter.getIdentifier()).isEqualTo(deadBefore.getIdentifier());

        assertThat(new PersonalDataMigration(jdbc, cipher, 2).run()).as("a second run").allMatch(p -> p.rewritten() == 0);

        // agent 10002 is erased: their phone and name keys go; agent 10001 and the customer stay readable
        UUID erasure = UUID.randomUUID();
        assertThat(keys.destroy(Subject.AGENT, A2, erasure)).hasSize(1);
        assertThat(keys.destroy(Subject.AGENT, Subject.ownerKey("userId", "10002"), erasure)).hasSize(1);
        List<Read> erased = readAll(storage);
        assertThat(erased).extracting(Read::globalIndex).isEqualTo(before.stream().map(Read::globalIndex).toList());
        AxBindRequestedEvent bind2 = payload(erased, X2, 1, AxBindRequestedEvent.class);
        assertThat(bind2.phoneA()).isEqualTo(PersonalData.ERASED);
        assertThat(payload(erased, X, 1, AxBindRequestedEvent.class).phoneA()).isEqualTo("13470110011");
        AgentProfileUpdatedEvent agent2 = payload(erased, "10002", 0, AgentProfileUpdatedEvent.class);
        assertThat(agent2.name()).isEqualTo(PersonalData.ERASED);
        assertThat(agent2.phone()).isEqualTo(PersonalData.ERASED);
        AgentProfileUpdatedEvent agent1 = payload(erased, "10001", 0, AgentProfileUpdatedEvent.class);
        assertThat(agent1.name()).isEqualTo("张三");
        assertThat(agent1.phone()).isEqualTo(A1);
        assertThat(payload(erased, X, 7, XbBoundEvent.class).phoneB()).isEqualTo(B);
        assertThat(sagaStore(serializer(cipher)).loadSaga(FailoverSaga.class, SAGA_ID).saga())
                .extracting("phoneA").isEqualTo(PersonalData.ERASED);
        assertThat(snapshot(storage, X).view().phoneA()).isEqualTo(A1);
        assertThat(snapshot(storage, X2).view().phoneA()).isEqualTo(PersonalData.ERASED);
    }

    /** One event as a reader gets it: where it stands in the global stream, and what it is. */
    private record Read(long globalIndex, String identifier, String aggregate, long sequence, Object payload,
                        MetaData metaData) {
    }

    private void storeWrittenBefore() throws Exception {
        Map<String, Object> props = TestInfrastructure.get().isolatedInstanceProperties("migration");
        DriverManagerDataSource ds = new DriverManagerDataSource(String.valueOf(props.get("spring.datasource.url")),
                String.valueOf(props.get("spring.datasource.username")),
                String.valueOf(props.getOrDefault("spring.datasource.password", "")));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        connections = new DataSourceConnectionProvider(ds);
        byte[] master = new byte[MasterKey.KEY_BYTES];
        new java.security.SecureRandom().nextBytes(master);
        keys = new PersonalDataKeys(jdbc, MasterKey.aead(master), Duration.ofSeconds(60), Clock.systemUTC());

        // the rows as the build of commit a93d0d6 wrote them
        WriteModelRevision1Fixture.insertEvents(jdbc);

        // what today's code wrote before issue 15: the same serializer, without the personal-data module
        Serializer clear = serializer(null);
        EventStorageEngine storage = storage(clear);
        ClientBindingContext context = new ClientBindingContext(1, 880012, 0, 0);
        Instant expires = Instant.parse("2026-12-03T00:00:00Z");
        XbBoundEvent bound = new XbBoundEvent(X, "op-xb", "bnd-1", 7L, "10001", A1, B, "1000000000000009", expires, context,
                Platform.ALIYUN, 17);
        storage.appendEvents(List.of(
                number(6, new XbBindRequestedEvent(X, "op-xb", "bnd-1", 7L, "10001", A1, B, expires, context,
                        Platform.ALIYUN, 17)),
                number(7, bound),
                new GenericDomainEventMessage<>("RecordedCall", CallRecordedEvent.streamOf("c-today"), 0,
                        new CallRecordedEvent(X, new CallRecord("c-today", "1000000000000009", A1, B, 1,
                                expires.minusSeconds(60), expires.minusSeconds(50), expires.minusSeconds(20), 16, 1, "17"),
                                new CallAttribution(CallAttribution.XB, "10001", A1, "bnd-1", 7L, context))),
                agent("10001", 0, new AgentProfileUpdatedEvent("10001", "张三", A1, null)),
                agent("10001", 1, new AgentPhoneChangedEvent("10001", A1, A1_NEW, A1, true, "mis")),
                agent("10001", 2, new AgentProfileUpdatedEvent("10001", "张三", A1, A1_NEW)),
                agent("10002", 0, new AgentProfileUpdatedEvent("10002", "李四", A2, null))));

        // snapshots of X with its A and customer binding, and of X2 from its upcast events, as the snapshotter takes
        // them: the aggregate rebuilt from its stream
        for (String number : List.of(X, X2)) {
            NumberReplay replay = new NumberReplay();
            try (Stream<? extends DomainEventMessage<?>> events = storage.readEvents(number, 0L).asStream()) {
                events.forEach(replay::apply);
            }
            assertThat(replay.view().phoneA()).isEqualTo(number.equals(X) ? A1 : A2);
            storage.storeSnapshot(new GenericDomainEventMessage<>("PrivateNumber", number, replay.applied() - 1,
                    aggregateRoot(replay)));
        }

        // a failover saga waiting for X2, which holds its agent's phone
        FailoverSaga saga = new FailoverSaga();
        set(saga, "number", X2);
        set(saga, "userId", "10002");
        set(saga, "phoneA", A2);
        set(saga, "platform", Platform.ALIYUN);
        sagaStore(clear).insertSaga(FailoverSaga.class, SAGA_ID, saga, Set.of(new AssociationValue("number", X2)));

        // a projection's dead letter of the customer binding
        deadLetters(clear).enqueue(X, new GenericDeadLetter<>(X, bound(bound), new IllegalStateException("projection down")));
    }

    private static GenericDomainEventMessage<?> number(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("PrivateNumber", X, sequence, payload);
    }

    private static GenericDomainEventMessage<?> agent(String userId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Agent", userId, sequence, payload);
    }

    private static EventMessage<?> bound(XbBoundEvent event) {
        return new GenericDomainEventMessage<>("PrivateNumber", X, 7, event);
    }

    /**
     * Axon's jackson3 serializer as the application builds it ({@link AxonSerializationConfig}); {@code cipher} null,
     * as before issue 15: the same type validator and no personal-data module.
     */
    private static Serializer serializer(PersonalDataCipher cipher) {
        Jackson3Serializer.Builder builder = Jackson3Serializer.builder().revisionResolver(new AnnotationRevisionResolver());
        if (cipher != null) {
            return builder.jsonMapperBuilderCustomizer(
                    new AxonSerializationConfig().axonJsonMapper(cipher)).build();
        }
        return builder.jsonMapperBuilderCustomizer(AxonSerializationConfig::trustedTypes).build();
    }

    private EventStorageEngine storage(Serializer serializer) {
        AtomicReference<EventStorageEngine> self = new AtomicReference<>();
        EventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new WriteModelRevision2Upcaster(self::get)))
                .schema(new AxonStorageConfig().eventSchema())
                .build();
        self.set(storage);
        return storage;
    }

    private JdbcSagaStore sagaStore(Serializer serializer) {
        return JdbcSagaStore.builder().connectionProvider(connections).sqlSchema(new AxonStorageConfig().sagaSqlSchema())
                .serializer(serializer).build();
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetters(Serializer serializer) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder().processingGroup(GROUP).connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE).schema(new AxonStorageConfig().deadLetterSchema())
                .genericSerializer(serializer).eventSerializer(serializer).build();
    }

    private EventMessage<?> deadLetter(Serializer serializer) {
        List<EventMessage<?>> letters = new ArrayList<>();
        deadLetters(serializer).deadLetterSequence(X).forEach(letter -> letters.add(letter.message()));
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }

    private static List<Read> readAll(EventStorageEngine storage) {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            return events.map(e -> {
                DomainEventMessage<?> d = (DomainEventMessage<?>) e;
                return new Read(e.trackingToken().position().orElseThrow(), e.getIdentifier(), d.getAggregateIdentifier(),
                        d.getSequenceNumber(), e.getPayload(), e.getMetaData());
            }).toList();
        }
    }

    private static PrivateNumber snapshot(EventStorageEngine storage, String number) {
        return (PrivateNumber) storage.readSnapshot(number).orElseThrow().getPayload();
    }

    private static <T> T payload(List<Read> reads, String aggregate, long sequence, Class<T> type) {
        return type.cast(reads.stream().filter(r -> r.aggregate().equals(aggregate) && r.sequence() == sequence)
                .findFirst().orElseThrow().payload());
    }

    /** Every stored payload (events, snapshots, sagas, dead letters), as text. */
    private List<String> stored() {
        List<String> texts = new ArrayList<>();
        for (String query : List.of("SELECT payload FROM domain_event_entry", "SELECT payload FROM snapshot_event_entry",
                "SELECT serialized_saga FROM saga_entry", "SELECT payload FROM dead_letter_entry")) {
            jdbc.queryForList(query, byte[].class).forEach(bytes -> texts.add(new String(bytes, StandardCharsets.UTF_8)));
        }
        return texts;
    }

    private Set<String> mobilesStored() {
        Set<String> found = new TreeSet<>();
        for (String text : stored()) {
            Matcher m = MOBILE.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** The aggregate the replay rebuilt: what the snapshotter would serialize. */
    private static PrivateNumber aggregateRoot(NumberReplay replay) throws ReflectiveOperationException {
        Field field = NumberReplay.class.getDeclaredField("aggregate");
        field.setAccessible(true);
        return ((EventSourcedAggregate<?>) field.get(replay)).getAggregateRoot() instanceof PrivateNumber p ? p : null;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
