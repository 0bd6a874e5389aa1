package com.pnhub.app.processing;

import com.pnhub.command.operation.OperationOutcome;
import com.pnhub.command.operation.OperationOutcomes;
import com.pnhub.command.operation.OutcomeRelay;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operation outcomes between instances: a PostgreSQL notification on {@value #CHANNEL}, sent in the transaction
 * that recorded the outcome, and delivered to the instance whose request waits for it.
 */
public final class PeerOutcomes implements OutcomeRelay {

    static final String CHANNEL = "pnhub_outcomes";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Message(String operationId, OperationOutcome outcome) {
    }

    private final ClusterPresence presence;

    public PeerOutcomes(ClusterPresence presence) {
        this.presence = presence;
    }

    @Override
    public void publish(String operationId, OperationOutcome outcome) {
        if (presence.instances() > 1) {
            presence.notify(CHANNEL, JSON.writeValueAsString(new Message(operationId, outcome)));
        }
    }

    /** Completes this instance's waiting requests with the outcomes the others publish. */
    public void deliverTo(OperationOutcomes outcomes) {
        presence.onNotification(CHANNEL, payload -> {
            Message m = JSON.readValue(payload, Message.class);
            outcomes.completeFromPeer(m.operationId(), m.outcome());
        });
    }
}
