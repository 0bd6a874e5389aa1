package com.pnhub.command.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.values.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** A waiting request gets its operation's outcome: delivered when it is recorded, or read back from the number's stream. */
class OperationOutcomesTest {

    private static final String X = "17300000001";
    private static final Duration SHORT = Duration.ofMillis(50);

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final OperationOutcomes outcomes = outcomes(store, meters);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void canAnswerARequestWhoseOutcomeIsRecordedWhileItWaits() throws Exception {
        outcomes.expect("op-1");
        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> outcomes.awaitSuccess("op-1", Duration.ofSeconds(10), X));
        outcomes.on(bound("op-1"));
        answer.get(10, TimeUnit.SECONDS);
        assertThat(meters.counter("pnhub.operations.outcomes.delivered", "recordedBy", "here").count()).isEqualTo(1);
    }

    @Test
    void canAnswerFromTheStoreWhenTheOutcomeWasStoredButItsDeliveryWasLost() {
        append(0, bound("op-2"));
        outcomes.expect("op-2");
        outcomes.awaitSuccess("op-2", SHORT, X);
        assertThat(meters.counter("pnhub.operations.outcomes.delivered", "recordedBy", "store").count()).isEqualTo(1);
    }

    @Test
    void canAnswerAStoredRefusalAsTheProvidersRefusal() {
        append(0, new AxBindingRejectedEvent(X, "op-3", "51218", "isv.NO_AVAILABLE_NUMBER", "no number", false, true));
        assertThatThrownBy(() -> outcomes.awaitSuccess("op-3", SHORT, X))
                .isInstanceOfSatisfying(BusinessRuleException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REFUSED));
    }

    @Test
    void cannotAnswerMoreThanPendingForAnOperationTheStreamHasNotEnded() {
        append(0, bound("another-operation"));
        assertThatThrownBy(() -> outcomes.awaitSuccess("op-4", SHORT, X))
                .isInstanceOfSatisfying(BusinessRuleException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PENDING));
        assertThatThrownBy(() -> outcomes.awaitSuccess("op-5", SHORT, "17300000002"))
                .isInstanceOfSatisfying(BusinessRuleException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PENDING));
    }

    private static AxBoundEvent bound(String operationId) {
        return new AxBoundEvent(X, operationId, "51218", "13470110001", "1000000000000001", Platform.ALIYUN, 17);
    }

    private void append(long sequence, Object event) {
        store.publish(new GenericDomainEventMessage<>("PrivateNumber", X, sequence, event));
    }

    private static OperationOutcomes outcomes(EventStore store, MeterRegistry meters) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("eventStore", store);
        beans.addBean("meters", meters);
        return new OperationOutcomes(beans.getBeanProvider(OutcomeRelay.class), beans.getBeanProvider(MeterRegistry.class),
                beans.getBeanProvider(EventStore.class));
    }
}
