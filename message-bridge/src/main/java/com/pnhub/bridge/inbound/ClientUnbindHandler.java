package com.pnhub.bridge.inbound;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.command.gateway.ClientBindingOperations;
import com.pnhub.command.gateway.RequestContext;
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
    private final NumberRules rules;

    public ClientUnbindHandler(ClientBindingOperations operations, NumberRules rules) {
        this.operations = operations;
        this.rules = rules;
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
        ClientUnbind m = new ClientUnbind(f.requiredInt("platId"), f.requiredText("telA"), f.requiredText("telX"),
                f.requiredText("telB"), f.requiredText("subId"));
        realOrMasked("telA", m.telA());
        realOrMasked("telB", m.telB());
        if (!m.subId().matches("[A-Za-z0-9]{1,64}")) {
            // the provider's subscription ids are ASCII; isLetterOrDigit would let 订阅 or ١٢٣ through to the provider
            throw MessageFields.invalid("subId", "必填,字母或数字");
        }
        return m;
    }

    /**
     * A and B are not used to unbind, and the contract's example masks them (1347011****): either form is accepted,
     * and {@code "erased"}, which this service sends for a person erased before the binding's expiry was published.
     */
    private void realOrMasked(String field, String value) {
        if (PersonalData.ERASED.equals(value)) {
            return;
        }
        String unmasked = value.matches("[0-9]{7}\\*{4}") ? value.substring(0, 7) + "0000" : value;
        PhoneNumber.of(field, unmasked, rules);
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
