package com.pnhub.bridge.legacy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * MQ108 {@code service_exchange1_privatenumberXNB} (隐私号 X 解绑 B), exactly the contract's shape:
 * {@code {"platId": 3, "telA": "…", "telX": "17111526089", "telB": "…", "subId": "1000039976446302"}}.
 * Lives in the bridge, not in shared-api: it is a wire format of the message platform, not a domain message.
 */
@JsonPropertyOrder({"platId", "telA", "telX", "telB", "subId"})
public record PrivateNumberXnbMessage(int platId, String telA, String telX, String telB, String subId) {
}
