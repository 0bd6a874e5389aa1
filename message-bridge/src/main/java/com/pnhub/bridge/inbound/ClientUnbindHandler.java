package com.pnhub.bridge.inbound;

import com.pnhub.bridge.BridgeTopology;
import com.pnhub.command.support.RequestContext;
import com.pnhub.command.xb.ClientBindingOperations;
import java.util.List;

/**
 * MQ108 {@code service_exchange1_privatenumberXNB}:
 * {@code {"platId": 3, "telA": "…", "telX": "17111526089", "telB": "…", "subId": "1000039976446302"}}.
 * Idempotent by the operation: unbinding what the provider no longer knows succeeds.
 */
public class ClientUnbindHandler extends InboundHandler<ClientUnbindHandler.ClientUnbind> {

    public record ClientUnbind(int platId, String telA, String telX, String telB, String subId) {
    }

    private final ClientBindingOperations operations;

    public ClientUnbindHandler(ClientBindingOperations operations) {
        this.operations = operations;
    }

    @Override
    public String queue() {
        return BridgeTopology.MQ108_PRIVATE_NUMBER_XNB;
    }

    @Override
    public int defaultConcurrency() {
        return 10;
    }

    @Override
    public ClientUnbind parse(MessageFields f) {
        return new ClientUnbind(f.requiredInt("platId"), f.requiredText("telA"), f.requiredText("telX"),
                f.requiredText("telB"), f.requiredText("subId"));
    }

    @Override
    protected String operator(ClientUnbind m) {
        return null;
    }

    @Override
    protected List<?> apply(ClientUnbind m, RequestContext ctx) {
        String x = operations.unbindClient(m.platId(), m.telA(), m.telX(), m.telB(), m.subId(), ctx);
        return List.of(x == null ? m.telX() : x);
    }
}
