package com.pnhub.command.calls;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.pnhub.api.calls.RecordCallCommand;
import com.pnhub.api.numbers.CallRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One call the provider reported, in a stream of its own ({@link CallRecordedEvent#streamOf(String)} of its call id):
 * a call decides nothing about the number it went through, and a second record of the same call cannot be made, as
 * its stream already begins (the event store's unique key refuses it). The number's history and MQ175 read the
 * {@link CallRecordedEvent}; {@link CallNumberIndex} finds a number's calls.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate
public class RecordedCall {

    @AggregateIdentifier
    private String callKey;

    protected RecordedCall() {
        // for Axon
    }

    @CommandHandler
    public RecordedCall(RecordCallCommand cmd, CallNumberIndex index) {
        index.add(cmd.number(), cmd.callKey());
        apply(new CallRecordedEvent(cmd.number(), cmd.record(), cmd.attribution()));
    }

    @EventSourcingHandler
    void on(CallRecordedEvent e) {
        callKey = CallRecordedEvent.streamOf(e.record().callId());
    }
}
