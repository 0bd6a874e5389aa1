package com.pnhub.command.number;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.pnhub.api.numbers.ClientBindingContext;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

/**
 * One customer (XB) binding of a PrivateNumber: A-X-B for the agent, until it expires. A member entity keyed by
 * its binding id; it exists from the request until the binding ended (or was refused), so the aggregate holds
 * only the live ones. Events reach it only when their bindingId matches (ForwardMatchingInstances).
 */
// part of the PrivateNumber snapshot, written and read by field
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ClientBinding {

    enum Status {
        /** the provider is being asked */
        BINDING,
        LIVE,
        /** time is up; the unbind message is on its way */
        EXPIRED,
        /** the provider is being told to unbind */
        UNBINDING
    }

    @EntityId
    private String bindingId;
    private long callbackId;
    private String userId;
    private String phoneA;
    private String phoneB;
    private ClientBindingContext context;
    private String subsId;
    private Instant expiresAt;
    private Status status = Status.BINDING;

    /** For a snapshot's deserialization. */
    @JsonCreator
    private ClientBinding() {
    }

    ClientBinding(String bindingId, long callbackId, String userId, String phoneA, String phoneB, Instant expiresAt,
                  ClientBindingContext context) {
        this.bindingId = bindingId;
        this.callbackId = callbackId;
        this.userId = userId;
        this.phoneA = phoneA;
        this.phoneB = phoneB;
        this.expiresAt = expiresAt;
        this.context = context;
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

    String bindingId() {
        return bindingId;
    }

    long callbackId() {
        return callbackId;
    }

    String userId() {
        return userId;
    }

    String phoneA() {
        return phoneA;
    }

    String phoneB() {
        return phoneB;
    }

    String subsId() {
        return subsId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    ClientBindingContext context() {
        return context;
    }

    Status status() {
        return status;
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
        return bindingId.equals(other.bindingId) && callbackId == other.callbackId && userId.equals(other.userId)
                && Objects.equals(phoneA, other.phoneA) && phoneB.equals(other.phoneB)
                && Objects.equals(context, other.context) && Objects.equals(subsId, other.subsId)
                && Objects.equals(expiresAt, other.expiresAt) && status == other.status;
    }

    @Override
    public int hashCode() {
        return bindingId.hashCode();
    }
}
