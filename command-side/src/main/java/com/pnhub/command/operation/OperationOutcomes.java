package com.pnhub.command.operation;

import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.PrivateNumberEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets a synchronous caller (the legacy HTTP facade) wait, bounded, for the outcome of an operation that
 * a saga completes asynchronously. Outcomes are taken from the events that end an operation, in the
 * transaction that appends them (a subscribing processor, app's AxonProcessingConfig), and handed over only
 * after it committed, so a caller is never told "done" for something that was rolled back. A request waiting
 * in this process is completed in this process; for any other the outcome goes to the other instances through
 * the {@link OutcomeRelay}, inside the same transaction (ADR 0012). No instance reads the event stream for it.
 */
@Component
@ProcessingGroup(OperationOutcomes.PROCESSING_GROUP)
public class OperationOutcomes {

    public static final String PROCESSING_GROUP = "operation-outcomes";
    private static final Logger log = LoggerFactory.getLogger(OperationOutcomes.class);

    private final Map<String, CompletableFuture<OperationOutcome>> waiting = new ConcurrentHashMap<>();
    private final OutcomeRelay relay;
    /** Where a waiting request's outcome came from: how often requests are answered across instances (bench scenario 7). */
    private final Counter completedHere;
    private final Counter completedFromPeer;
    private final Counter completedFromStore;
    private final ObjectProvider<EventStore> eventStore;
    /** Outcomes with no request waiting here: offered to the other instances (if any run), or answered "pending" already. */
    private final Counter elsewhere;

    public OperationOutcomes(ObjectProvider<OutcomeRelay> relay, ObjectProvider<MeterRegistry> meters,
                             ObjectProvider<EventStore> eventStore) {
        this.relay = relay.getIfAvailable(() -> OutcomeRelay.NONE);
        this.eventStore = eventStore;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.completedHere = outcomes(registry, "here");
        this.completedFromPeer = outcomes(registry, "peer");
        this.completedFromStore = outcomes(registry, "store");
        this.elsewhere = registry.counter("pnhub.operations.outcomes.elsewhere");
    }

    private static Counter outcomes(MeterRegistry registry, String recordedBy) {
        return Counter.builder("pnhub.operations.outcomes.delivered")
                .description("outcomes handed to a request waiting in this instance: recorded here, by a peer, or read back from the store when the wait ran out")
                .tag("recordedBy", recordedBy)
                .register(registry);
    }

    /** An outcome another instance recorded, for a request that may be waiting here. */
    public void completeFromPeer(String operationId, OperationOutcome outcome) {
        CompletableFuture<OperationOutcome> future = waiting.get(operationId);
        if (future != null && future.complete(outcome)) {
            completedFromPeer.increment();
        }
    }

    /** Call before sending the command, so an outcome that arrives fast is not missed. */
    public void expect(String operationId) {
        waiting.putIfAbsent(operationId, new CompletableFuture<>());
    }

    public void forget(String operationId) {
        waiting.remove(operationId);
    }

    /** Registers interest in the operation's outcome before {@code body} sends its command, and always drops it after. */
    public <R> R expecting(String operationId, Supplier<R> body) {
        expect(operationId);
        try {
            return body.get();
        } finally {
            forget(operationId);
        }
    }

    /**
     * Waits for the operation's outcome and turns anything but success into the business error the caller must
     * see: PENDING when none arrived in time and the number's stream holds none either (the operation is still
     * under way), else the provider's refusal or unavailability.
     */
    public void awaitSuccess(String operationId, Duration timeout, String number) {
        OperationOutcome outcome = await(operationId, timeout).or(() -> stored(operationId, number))
                .orElseThrow(() -> new BusinessRuleException(ErrorCode.PENDING, number));
        if (!outcome.succeeded()) {
            throw new BusinessRuleException(outcome.providerUnavailable() ? ErrorCode.PROVIDER_UNAVAILABLE
                    : ErrorCode.PROVIDER_REFUSED, outcome.providerCode(), outcome.reason());
        }
    }

    /** @return the outcome, or empty when none arrived in time (the operation is still under way) */
    public Optional<OperationOutcome> await(String operationId, Duration timeout) {
        CompletableFuture<OperationOutcome> future = waiting.computeIfAbsent(operationId, id -> new CompletableFuture<>());
        try {
            return Optional.of(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(operationId);
        }
    }

    /** Every event of a number: {@link #ending} picks those that end an operation (the one list of them). */
    @EventHandler
    void on(PrivateNumberEvent event) {
        ending(event).ifPresent(e -> complete(e.operationId(), e.outcome()));
    }

    /** The operation an event ends and how it ended; empty for an event that ends none. */
    static Optional<Ended> ending(Object event) {
        if (event instanceof AxBoundEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof AxBindingRejectedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.failure(e.number(), e.providerCode(), e.reason(), e.providerUnavailable()));
        } else if (event instanceof AxUnboundEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof AxUnbindingRejectedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.failure(e.number(), e.providerCode(), e.reason(), e.providerUnavailable()));
        } else if (event instanceof AxPhoneChangedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof AxPhoneChangeRejectedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.failure(e.number(), e.providerCode(), e.reason(), e.providerUnavailable()));
        } else if (event instanceof NumberTransferredEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof AxTransferRejectedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.failure(e.number(), e.providerCode(), e.reason(), e.providerUnavailable()));
        } else if (event instanceof AxFaultBoundEvent e) {
            // a fault binding is the agent's number all the same: the bind succeeded for the caller
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof FaultBindingEndedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof NumberReleasedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof XbBoundEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.success(e.number()));
        } else if (event instanceof XbBindingRejectedEvent e) {
            return Ended.of(e.operationId(), OperationOutcome.failure(e.number(), e.providerCode(), e.reason(), e.providerUnavailable()));
        }
        return Optional.empty();
    }

    /** An operation's end: its id and outcome. */
    record Ended(String operationId, OperationOutcome outcome) {
        static Optional<Ended> of(String operationId, OperationOutcome outcome) {
            return operationId == null ? Optional.empty() : Optional.of(new Ended(operationId, outcome));
        }
    }

    /**
     * The outcome the number's stream holds for the operation, for a request whose wait ran out: the outcome was
     * stored, but its delivery was lost (the database dropped the connection between the commit and its
     * acknowledgement, or the notification to this instance during a database restart). Empty when the stream
     * holds none (the operation is still under way) or cannot be read now.
     */
    private Optional<OperationOutcome> stored(String operationId, String number) {
        EventStore store = eventStore.getIfAvailable();
        if (store == null || number == null) {
            return Optional.empty();
        }
        try {
            DomainEventStream stream = store.readEvents(number);
            Optional<OperationOutcome> found = Optional.empty();
            while (stream.hasNext()) {
                Optional<Ended> ended = ending(stream.next().getPayload());
                if (ended.isPresent() && ended.get().operationId().equals(operationId)) {
                    found = Optional.of(ended.get().outcome());
                }
            }
            found.ifPresent(o -> completedFromStore.increment());
            return found;
        } catch (RuntimeException e) {
            log.debug("the outcome of operation {} could not be read from the store: {}", operationId, e.toString());
            return Optional.empty();
        }
    }

    private void complete(String operationId, OperationOutcome outcome) {
        CompletableFuture<OperationOutcome> future = waiting.get(operationId);
        if (future == null) {
            // the request waits on another instance, or waits no more (it answered "pending")
            relay.publish(operationId, outcome);
            elsewhere.increment();
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(uow -> deliverHere(future, outcome));
        } else {
            deliverHere(future, outcome);
        }
    }

    private void deliverHere(CompletableFuture<OperationOutcome> future, OperationOutcome outcome) {
        if (future.complete(outcome)) {
            completedHere.increment();
        }
    }
}
