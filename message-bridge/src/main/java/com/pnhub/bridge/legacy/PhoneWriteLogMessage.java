package com.pnhub.bridge.legacy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * MQ175 {@code house_exchange1_GetPhoneWriteLog} (看电话写日志), exactly the contract's shape:
 * {@code {"user": <agent id>, "houseid": <house id>}}; {@code houseid} is the XB binding's {@code Mapid}
 * (contract reading). Lives in the bridge, not in shared-api: a wire format of the message platform.
 */
@JsonPropertyOrder({"user", "houseid"})
public record PhoneWriteLogMessage(long user, long houseid) {
}
