package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.app.config.AxonStorageConfig;
import com.pnhub.app.config.WriteModelRevision2Upcaster;
import com.pnhub.app.support.WriteModelRevision1Fixture;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.command.number.JdbcCallLedger;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.query.numbers.NumberRowProbe;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Events written by the service before the write model's revision 2 (the build of commit a93d0d6, driven through the
 * legacy API as {@code write-model-revision-1/README.md} says), read by today's code: a database of their own, migrated
 * by Flyway, the rows as that build wrote them, and the store read through the application's upcaster. Each event
 * whose outcome depended on the past now names it, as the number's own history says, and the read models' rules
 * applied to the upcast events agree with the aggregate replayed from them.
 */
class WriteModelRevision1EventsIntegrationTest {

    private static JdbcTemplate jdbc;
    private static EventStorageEngine storage;

    @BeforeAll
    static void storeWrittenByRevision1() {
        Map<String, Object> props = TestInfrastructure.get().isolatedInstanceProperties("rev1");
        DriverManagerDataSource ds = new DriverManagerDataSource(String.valueOf(props.get("spring.datasource.url")),
                String.valueOf(props.get("spring.datasource.username")),
                String.valueOf(props.getOrDefault("spring.datasource.password", "")));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        WriteModelRevision1Fixture.insertEvents(jdbc);
        for (Map<String, String> row : csv("call_record_ledger.csv")) {
            jdbc.update("INSERT INTO call_record_ledger (call_id, number) VALUES (?, ?)", row.get("call_id"), row.get("number"));
        }
        AtomicReference<EventStorageEngine> self = new AtomicReference<>();
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(ds))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new WriteModelRevision2Upcaster(self::get)))
                .schema(new AxonStorageConfig().eventSchema())
                .build();
        self.set(storage);
    }

    @Test
    void canReadARefusedUnbindOfAFaultBindingAsAFaultBindingAgain() {
        assertThat(event("17300000002", 5, AxUnbindingRejectedEvent.class).bindState()).isEqualTo(BindState.FAULT);
    }

    @Test
    void canReadARefusedUnbindOfAProviderBindingAsBound() {
        assertThat(event("17300000003", 4, AxUnbindingRejectedEvent.class).bindState()).isEqualTo(BindState.BOUND);
    }

    @Test
    void canReadAChangeOfAAsOneOfAProviderBinding() {
        assertThat(event("17300000001", 4, AxPhoneChangedEvent.class).bindState()).isEqualTo(BindState.BOUND);
    }

    @Test
    void canReadTransfersWithTheBindingTheNumberHad() {
        NumberTransferredEvent bound = event("17300000004", 4, NumberTransferredEvent.class);
        assertThat(bound.bindState()).isEqualTo(BindState.BOUND);
        assertThat(bound.bindType()).isEqualTo(BindType.NORMAL);
        assertThat(event("17300000005", 3, NumberTransferredEvent.class).bindState()).isEqualTo(BindState.FAULT);
        assertThat(event("17300000006", 5, NumberTransferredEvent.class).bindState()).isEqualTo(BindState.UNBOUND);
    }

    @Test
    void canReplayEveryNumberAndHaveTheReadModelAgreeWithIt() {
        // the global stream, as the projections read it
        Map<String, NumberReplay> replays = new LinkedHashMap<>();
        Map<String, NumberRowProbe> rows = new HashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.forEach(e -> {
                DomainEventMessage<?> d = (DomainEventMessage<?>) e;
                replays.computeIfAbsent(d.getAggregateIdentifier(), k -> new NumberReplay()).apply(d);
                rows.computeIfAbsent(d.getAggregateIdentifier(), k -> new NumberRowProbe()).apply(d);
            });
        }
        assertThat(replays).hasSize(6);
        replays.forEach((number, replay) -> {
            PrivateNumber.View v = replay.view();
            NumberRowProbe row = rows.get(number);
            assertThat(row.bindState()).as(number).isEqualTo(v.bindState());
            assertThat(row.holder()).as(number).isEqualTo(v.holder());
            assertThat(row.phoneA()).as(number).isEqualTo(v.phoneA());
            assertThat(row.subsId()).as(number).isEqualTo(v.subsId());
        });
        assertThat(replays.get("17300000002").view().bindState()).isEqualTo(BindState.BOUND);
        // transferred while a fault binding, then ended by state (#12): unbound, still the receiver's
        assertThat(replays.get("17300000005").view().holder()).isEqualTo("20002");
        assertThat(replays.get("17300000006").view().holder()).isEqualTo("20004");
    }

    @Test
    void canTellACallRecordedInItsNumbersStreamBeforeRevision2() {
        String callId = csv("call_record_ledger.csv").get(0).get("call_id");
        assertThat(new JdbcCallLedger(jdbc).recordedBefore(callId)).isTrue();
        assertThat(new JdbcCallLedger(jdbc).recordedBefore(callId + "-other")).isFalse();
    }

    private static <T> T event(String number, long sequence, Class<T> type) {
        try (Stream<? extends DomainEventMessage<?>> events = storage.readEvents(number, 0L).asStream()) {
            Object payload = events.filter(e -> e.getSequenceNumber() == sequence).findFirst().orElseThrow().getPayload();
            assertThat(payload).isInstanceOf(type);
            return type.cast(payload);
        }
    }

    private static List<Map<String, String>> csv(String name) {
        return WriteModelRevision1Fixture.rows(name);
    }
}
