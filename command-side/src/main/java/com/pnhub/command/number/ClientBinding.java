package com.pnhub.command.number;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.api.xb.ExpireXbBindingCommand;
import com.pnhub.api.xb.ExtendXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbBindingCommand;
import com.pnhub.command.internal.ConfirmXbUnbindingCommand;
import com.pnhub.command.internal.RejectXbBindingCommand;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

/**
 * One customer (XB) binding of a PrivateNumber: A-X-B for the agent, until it expires. A member entity keyed by its
 * binding id: the commands that name a binding id (the provider's answers, extension, expiry, the end of the unbind)
 * are routed to it and it applies its own events; events reach it only when their bindingId matches
 * (ForwardMatchingInstances). It exists from the request until the binding ended (or was refused), so the aggregate
 * holds only the live ones. A command for a binding that is gone fails with Axon's AggregateEntityNotFoundException,
 * which the sender takes as a late answer.
 */
// part of the PrivateNumber snapshot, written and read by field
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ClientBinding {

    public enum Status {
        /** the provider is being asked */
        BINDING,
        LIVE,
        /** time is up; the unbind message is on its way */
        EXPIRED,
        /** the provider is being told to unbind */
        UNBINDING
    }

    /** What point-in-time answers show of a customer binding not yet ended. */
    public record View(String bindingId, long callbackId, String userId, @PersonalData(CUSTOMER) String phoneB,
                       String subsId, Instant expiresAt, String status) {
    }

    @EntityId
    private String bindingId;
    private String number;
    private Platform platform;
    private long poolId;
    private long callbackId;
    private String userId;
    @PersonalData(AGENT)
    private String phoneA;
    @PersonalData(CUSTOMER)
    private String phoneB;
    private ClientBindingContext context;
    private String subsId;
    private Instant expiresAt;
    private Status status = Status.BINDING;

    /** For a snapshot's deserialization. */
    @JsonCreator
    private ClientBinding() {
    }

    ClientBinding(XbBindRequestedEvent e) {
        this.bindingId = e.bindingId();
        this.number = e.number();
        this.platform = e.platform();
        this.poolId = e.poolId();
        this.callbackId = e.callbackId();
        this.userId = e.userId();
        this.phoneA = e.phoneA();
        this.phoneB = e.phoneB();
        this.expiresAt = e.expiresAt();
        this.context = e.context();
    }

    @CommandHandler
    void handle(ConfirmXbBindingCommand cmd) {
        if (status == Status.BINDING) {
            apply(new XbBoundEvent(number, cmd.operationId(), bindingId, callbackId, userId, phoneA, phoneB, cmd.subsId(),
                    expiresAt, context, platform, poolId));
        }
    }

    @CommandHandler
    void handle(RejectXbBindingCommand cmd) {
        if (status == Status.BINDING) {
            apply(new XbBindingRejectedEvent(number, cmd.operationId(), bindingId, userId, phoneB, cmd.providerCode(),
                    cmd.reason(), cmd.providerUnavailable()));
        }
    }

    /** @return false when the binding no longer lives or already lives at least that long */
    @CommandHandler
    boolean handle(ExtendXbBindingCommand cmd) {
        if (status != Status.LIVE || !cmd.expiresAt().isAfter(expiresAt)) {
            return false;
        }
        apply(new XbBindingExtendedEvent(number, cmd.operationId(), bindingId, expiresAt, cmd.expiresAt()));
        return true;
    }

    /** @return false when the deadline is stale: the binding was extended past it, or is ending already */
    @CommandHandler
    boolean handle(ExpireXbBindingCommand cmd) {
        if (status != Status.LIVE || expiresAt.isAfter(cmd.scheduledFor())) {
            return false;
        }
        apply(new XbBindingExpiredEvent(number, bindingId, userId, phoneA, phoneB, subsId, expiresAt, platform, poolId));
        return true;
    }

    @CommandHandler
    void handle(ConfirmXbUnbindingCommand cmd) {
        if (status == Status.UNBINDING) {
            apply(new XbUnboundEvent(number, cmd.operationId(), bindingId, callbackId, userId, phoneB, subsId,
                    cmd.providerCode(), cmd.providerMessage()));
        }
    }

    /** MQ108, a release of X, or the saga's own fallback: once only; a second request finds the unbind under way. */
    void requestUnbind(String operationId) {
        if (status != Status.UNBINDING) {
            apply(new XbUnbindRequestedEvent(number, operationId, bindingId, subsId, platform, poolId));
        }
    }

    @EventSourcingHandler
    void on(XbBoundEvent e) {
        subsId = e.subsId();
        expiresAt = e.expiresAt();
        status = Status.LIVE;
    }

    @EventSourcingHandler
    void on(XbBindingExtendedEvent e) {
        expiresAt = e.expiresAt();
    }

    @EventSourcingHandler
    void on(XbBindingExpiredEvent e) {
        status = Status.EXPIRED;
    }

    @EventSourcingHandler
    void on(XbUnbindRequestedEvent e) {
        status = Status.UNBINDING;
    }

    /** Alive for the same agent and B: asked again, it is answered and extended instead of bound twice. */
    boolean servesPair(String user, String b) {
        return (status == Status.BINDING || status == Status.LIVE) && userId.equals(user) && phoneB.equals(b);
    }

    boolean hasSubscription(String subs) {
        return subsId != null && subsId.equals(subs);
    }

    /** A call on this binding's subscription is the agent's, for this binding's business object. */
    CallAttribution attribution() {
        return new CallAttribution(CallAttribution.XB, userId, phoneA, bindingId, callbackId, context);
    }

    View view() {
        return new View(bindingId, callbackId, userId, phoneB, subsId, expiresAt, status.name());
    }

    String bindingId() {
        return bindingId;
    }

    long callbackId() {
        return callbackId;
    }

    String subsId() {
        return subsId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    // state comparison (the test fixture checks that sourcing the events rebuilds the same aggregate)
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClientBinding other)) {
            return false;
        }
        return bindingId.equals(other.bindingId) && Objects.equals(number, other.number) && platform == other.platform
                && poolId == other.poolId && callbackId == other.callbackId && userId.equals(other.userId)
                && Objects.equals(phoneA, other.phoneA) && phoneB.equals(other.phoneB)
                && Objects.equals(context, other.context) && Objects.equals(subsId, other.subsId)
                && Objects.equals(expiresAt, other.expiresAt) && status == other.status;
    }

    @Override
    public int hashCode() {
        return bindingId.hashCode();
    }
}
