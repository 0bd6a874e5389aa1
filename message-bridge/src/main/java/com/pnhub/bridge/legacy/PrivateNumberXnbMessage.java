package com.pnhub.bridge.legacy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * MQ108 {@code service_exchange1_privatenumberXNB} (隐私号 X 解绑 B), exactly the contract's shape:
 * {@code {"platId": 3, "telA": "1347011****", "telX": "17111526089", "telB": "1370005****", "subId": "1000039976446302"}}:
 * A and B leave masked, as in the contract's example (telX and subId name the binding).
 * Lives in the bridge, not in shared-api: it is a wire format of the message platform, not a domain message.
 */
@JsonPropertyOrder({"platId", "telA", "telX", "telB", "subId"})
public record PrivateNumberXnbMessage(int platId, String telA, String telX, String telB, String subId) {
}
