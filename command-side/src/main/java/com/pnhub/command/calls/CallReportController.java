package com.pnhub.command.calls;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    private static final Logger log = LoggerFactory.getLogger(CallReportController.class);

    private final CallRecordOperations calls;
    private final JsonMapper json = JsonMapper.builder().build();

    public CallReportController(CallRecordOperations calls) {
        this.calls = calls;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> secretReport(@RequestBody(required = false) byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
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
        try {
            CallRecordOperations.BatchResult result = calls.record(CallRecordOperations.elements(array));
            return ResponseEntity.ok(Map.of("code", 0, "msg", "接收成功", "recorded", result.recorded(),
                    "duplicates", result.duplicates(), "rejected", result.rejected()));
        } catch (RuntimeException e) {
            log.warn("call-record push of {} record(s) failed; the provider will push it again", array.size(), e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("code", 503, "msg", "暂时无法接收,请重试"));
        }
    }
}
