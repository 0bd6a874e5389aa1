package com.pnhub.query.numbers;

import com.pnhub.api.numbers.BindState;
import org.axonframework.eventhandling.DomainEventMessage;

/** A number_view row built by the projection's own rules from a number's events, for tests outside its package. */
public final class NumberRowProbe {

    private NumberRow row;

    public void apply(DomainEventMessage<?> e) {
        if (row == null) {
            row = NumberRow.startedBy(e.getPayload(), e.getSequenceNumber(), e.getTimestamp());
        } else {
            row.apply(e.getPayload(), e.getSequenceNumber(), e.getTimestamp());
        }
    }

    public BindState bindState() {
        return row.bindState;
    }

    public String holder() {
        return row.holder();
    }

    public String phoneA() {
        return row.phoneA;
    }

    public String subsId() {
        return row.subsId;
    }
}
