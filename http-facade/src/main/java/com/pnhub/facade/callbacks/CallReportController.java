package com.pnhub.facade.callbacks;

import com.pnhub.command.gateway.CallRecordOperations;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiver URL for the providers' call-record push (Aliyun SecretReport, "HTTP 批量推送"): a POST whose body
 * is a JSON array of records. Answers as PNP expects: HTTP 200 {@code {"code":0,"msg":"接收成功"}} once every
 * record is recorded, seen before, or kept as rejected; HTTP 503 when something transient failed, so that the
 * provider pushes the batch again (records already taken are recognised by call_id).
 */
@RestController
public class CallReportController {

    public static final String PATH = "/callbacks/pnp/secret-report";
    /** A provider's batch is at most a few hundred records of under 1 KiB each; anything far beyond is not a push. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final int MAX_RECORDS = 1000;
    private static final Logger log = LoggerFactory.getLogger(CallReportController.class);

    private final CallRecordOperations calls;
    private final JsonMapper json = JsonMapper.builder().build();

    public CallReportController(CallRecordOperations calls) {
        this.calls = calls;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> secretReport(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return tooLarge("请求体超过" + MAX_BODY_BYTES + "字节");
        }
        // read no more than the cap, whatever the (absent or false) Content-Length said
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return tooLarge("请求体超过" + MAX_BODY_BYTES + "字节");
        }
        JsonNode array;
        try {
            array = json.readTree(bytes);
        } catch (JacksonException e) {
            array = null;
        }
        if (array == null || !array.isArray()) {
            calls.rejectBody("body is not a JSON array of call records", bytes);
            return ResponseEntity.badRequest().body(Map.of("code", 400, "msg", "请求体必须是话单记录的JSON数组"));
        }
        if (array.size() > MAX_RECORDS) {
            return tooLarge("一次最多" + MAX_RECORDS + "条话单");
        }
        try {
            CallRecordOperations.BatchResult result = calls.record(CallRecordOperations.elements(array));
            return ResponseEntity.ok(Map.of("code", 0, "msg", "接收成功", "recorded", result.recorded(),
                    "duplicates", result.duplicates(), "rejected", result.rejected()));
        } catch (RuntimeException e) {
            log.warn("call-record push of {} record(s) failed; the provider will push it again", array.size(), e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("code", 503, "msg", "暂时无法接收,请重试"));
        }
    }

    private static ResponseEntity<Map<String, Object>> tooLarge(String message) {
        log.warn("call-record push refused: {}", message);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("code", 413, "msg", message));
    }
}
