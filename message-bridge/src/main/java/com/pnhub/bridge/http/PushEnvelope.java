package com.pnhub.bridge.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The legacy response envelope for the push endpoints, field for field the JSON shape of the legacy facade's
 * envelope (which only the legacy facade may use: an architecture rule). 2000 = success, 5000 = failure.
 */
@JsonPropertyOrder({"RequestId", "ResultCode", "ResultMsg", "DebugMsg", "IsEncrypt", "DataCount", "PageSize",
        "PageIndex", "DataBody", "EncDataBody"})
public record PushEnvelope(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("ResultCode") int resultCode,
        @JsonProperty("ResultMsg") String resultMsg,
        @JsonProperty("DebugMsg") String debugMsg,
        @JsonProperty("IsEncrypt") int isEncrypt,
        @JsonProperty("DataCount") int dataCount,
        @JsonProperty("PageSize") int pageSize,
        @JsonProperty("PageIndex") int pageIndex,
        @JsonProperty("DataBody") List<?> dataBody,
        @JsonProperty("EncDataBody") String encDataBody) {

    public static final int SUCCESS = 2000;
    public static final int FAILURE = 5000;

    public static PushEnvelope success(String requestId, List<?> body) {
        return new PushEnvelope(requestId, SUCCESS, "SUCCESS", "", 0, body.size(), Math.max(1, body.size()), 1, body, "");
    }

    public static PushEnvelope failure(String requestId, String message) {
        return new PushEnvelope(requestId, FAILURE, message, "", 0, 0, 1, 1, List.of(), "");
    }
}
