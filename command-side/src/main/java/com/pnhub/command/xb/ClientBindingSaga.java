package com.pnhub.command.xb;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.EndXbBindingCommand;
import com.pnhub.api.xb.ExpireXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbUnbindingCommand;
import com.pnhub.command.internal.RejectXbBindingCommand;
import com.pnhub.command.provider.Backoff;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * The life of one customer (XB) binding at its provider, associated by binding id: the BindAxb call, the
 * expiry on a persistent deadline (db-scheduler, so a restart neither loses nor repeats it), and the
 * UnbindSubscription once MQ108 asked for it (or, should MQ108 not arrive within {@link #UNBIND_FALLBACK_AFTER},
 * on its own), retried with backoff while the provider cannot be reached.
 * An unbind the provider refuses ends the binding all the same: the subscription was created with the same
 * expiration, so the provider ends it by itself at the latest then (docs/xb-bindings.md).
 */
// its state is stored by the jackson3 serializer, which reads fields, not getters
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ClientBindingSaga {

    static final String EXPIRY_DEADLINE = "xb-expiry";
    static final String UNBIND_RETRY_DEADLINE = "xb-unbind-retry";
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Backoff BACKOFF = new Backoff(FIRST_RETRY, MAX_RETRY);
    static final String UNBIND_FALLBACK_DEADLINE = "xb-unbind-fallback";
    /**
     * How long after the expiry the saga waits for MQ108's consumer before it asks for the unbind itself: the
     * message may sit in a stopped consumer's queue, or be taken by another environment on a shared broker.
     */
    static final Duration UNBIND_FALLBACK_AFTER = Duration.ofSeconds(10);

    private String number;
    private String bindingId;
    private Platform platform;
    private long poolId;
    private String subsId;
    private String unbindOperationId;
    private String expiryDeadlineId;
    private int unbindAttempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbBindRequestedEvent e, @Timestamp Instant requestedAt, ProviderRegistry providers, CommandGateway commands) {
        number = e.number();
        bindingId = e.bindingId();
        platform = e.platform();
        poolId = e.poolId();
        ProviderOutcome outcome = providers.forPlatform(platform).bindXb(providers.poolKey(platform, poolId), number,
                e.phoneA(), e.phoneB(), ProviderExpiration.of(e.expiresAt(), requestedAt), Long.toString(e.callbackId()));
        if (outcome instanceof ProviderOutcome.Success s) {
            toBinding(commands, new ConfirmXbBindingCommand(number, bindingId, e.operationId(), s.subsId()));
        } else {
            toBinding(commands, new RejectXbBindingCommand(number, bindingId, e.operationId(), outcome.code(),
                    outcome.message(), outcome.isTransient()));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbBindingRejectedEvent e) {
        // nothing was bound, nothing to end
    }

    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbBoundEvent e, DeadlineManager deadlines) {
        subsId = e.subsId();
        expiryDeadlineId = deadlines.schedule(e.expiresAt(), EXPIRY_DEADLINE, new ExpiryDue(number, bindingId, e.expiresAt()));
    }

    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbBindingExtendedEvent e, DeadlineManager deadlines) {
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY_DEADLINE, expiryDeadlineId);
        }
        expiryDeadlineId = deadlines.schedule(e.expiresAt(), EXPIRY_DEADLINE, new ExpiryDue(number, bindingId, e.expiresAt()));
    }

    /** The deadline's payload: Axon matches a deadline handler by its first parameter. */
    public record ExpiryDue(String number, String bindingId, Instant expiresAt) {
    }

    /** Time is up: the aggregate records it, and the event goes out as MQ108, whose consumer asks for the unbind. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    public void expire(ExpiryDue due, CommandGateway commands) {
        expiryDeadlineId = null;
        toBinding(commands, new ExpireXbBindingCommand(due.number(), due.bindingId(), due.expiresAt()));
    }

    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbBindingExpiredEvent e, DeadlineManager deadlines) {
        deadlines.schedule(UNBIND_FALLBACK_AFTER, UNBIND_FALLBACK_DEADLINE, new UnbindDue(number, bindingId));
    }

    /** MQ108 did not bring the unbind in time: ask for it directly (the aggregate takes one request only). */
    @DeadlineHandler(deadlineName = UNBIND_FALLBACK_DEADLINE)
    public void unbindWithoutMessage(UnbindDue due, CommandGateway commands) {
        commands.sendAndWait(new EndXbBindingCommand(number, subsId, "xb-fallback:" + bindingId));
    }

    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbUnbindRequestedEvent e, ProviderRegistry providers, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(UNBIND_FALLBACK_DEADLINE);
        if (expiryDeadlineId != null) {
            // ended early (UnBindClientNumber before the time, or the number was released)
            deadlines.cancelSchedule(EXPIRY_DEADLINE, expiryDeadlineId);
            expiryDeadlineId = null;
        }
        subsId = e.subsId();
        unbindOperationId = e.operationId();
        unbindAttempts = 0;
        unbind(providers, commands, deadlines);
    }

    /** The deadline's payload for a retried unbind. */
    public record UnbindDue(String number, String bindingId) {
    }

    @DeadlineHandler(deadlineName = UNBIND_RETRY_DEADLINE)
    public void retryUnbind(UnbindDue due, ProviderRegistry providers, CommandGateway commands, DeadlineManager deadlines) {
        unbind(providers, commands, deadlines);
    }

    private void unbind(ProviderRegistry providers, CommandGateway commands, DeadlineManager deadlines) {
        ProviderOutcome outcome = providers.forPlatform(platform).unbind(providers.poolKey(platform, poolId), subsId, number);
        if (outcome.isSuccess()) {
            toBinding(commands, new ConfirmXbUnbindingCommand(number, bindingId, unbindOperationId, null, null));
        } else if (outcome.isTransient()) {
            deadlines.schedule(BACKOFF.after(unbindAttempts++), UNBIND_RETRY_DEADLINE, new UnbindDue(number, bindingId));
        } else {
            // gone already (isv.SUBS_NOT_EXIST) or refused for good: either way it ends at its expiration there
            toBinding(commands, new ConfirmXbUnbindingCommand(number, bindingId, unbindOperationId, outcome.code(),
                    outcome.message()));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bindingId")
    public void on(XbUnboundEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(UNBIND_RETRY_DEADLINE);
        deadlines.cancelAllWithinScope(UNBIND_FALLBACK_DEADLINE);
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY_DEADLINE, expiryDeadlineId);
        }
    }

    /**
     * A command for the customer binding itself (a member of its number): one for a binding that has ended meanwhile
     * (a deadline that fired as it was being cancelled) finds no binding, and is a late answer like any other.
     */
    private static void toBinding(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateEntityNotFoundException e) {
            // the binding is gone: nothing left to tell it
        }
    }
}
