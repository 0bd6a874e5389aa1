package com.pnhub.facade.legacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The legacy response envelope, field for field and in the casing MIS reads. */
@JsonPropertyOrder({"RequestId", "ResultCode", "ResultMsg", "DebugMsg", "IsEncrypt", "DataCount", "PageSize",
        "PageIndex", "DataBody", "EncDataBody"})
public record LegacyEnvelope(
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

    public static LegacyEnvelope success(String requestId, List<?> body) {
        return success(requestId, "SUCCESS", body);
    }

    public static LegacyEnvelope success(String requestId, String message, List<?> body) {
        return envelope(requestId, SUCCESS, message, body);
    }

    public static LegacyEnvelope failure(String requestId, String message, List<?> body) {
        return envelope(requestId, FAILURE, message, body);
    }

    /** One page holding the whole body; an empty body is no page at all (DataCount, PageSize, PageIndex 0, as on the page). */
    private static LegacyEnvelope envelope(String requestId, int code, String message, List<?> body) {
        int page = body.isEmpty() ? 0 : 1;
        return new LegacyEnvelope(requestId, code, message, "", 0, body.size(), body.size(), page, body, "");
    }
}
