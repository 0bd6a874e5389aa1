package com.pnhub.bridge.http;

import com.pnhub.api.errors.ErrorCode;
import com.pnhub.bridge.inbound.AgentPhoneChangeHandler;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.inbound.ClientUnbindHandler;
import com.pnhub.bridge.inbound.Failures;
import com.pnhub.bridge.inbound.InboundHandler;
import com.pnhub.bridge.inbound.MessageFields;
import com.pnhub.bridge.inbound.SetBlackNumberHandler;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.facade.legacy.LegacyEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message platform's push mode: it POSTs each message of a queue as JSON to the consumer's URL. Same
 * handler as the queue's RabbitMQ listener; answers the legacy envelope with HTTP 200: 2000 on success, 5000
 * with the reason otherwise (a transient failure too — the platform retries pushes itself).
 * {@code AddHistoryPhone} (MQ176) is this service's choice: the contract names no URL for that queue.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "pnhub.bridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController")
public class PushController {

    private static final Logger log = LoggerFactory.getLogger(PushController.class);

    private final SetBlackNumberHandler setBlackNumber;
    private final AgentPhoneChangeHandler agentPhoneChange;
    private final ClientUnbindHandler clientUnbind;
    private final BridgeMetrics metrics;

    public PushController(SetBlackNumberHandler setBlackNumber, AgentPhoneChangeHandler agentPhoneChange,
                          ClientUnbindHandler clientUnbind, BridgeMetrics metrics) {
        this.setBlackNumber = setBlackNumber;
        this.agentPhoneChange = agentPhoneChange;
        this.clientUnbind = clientUnbind;
        this.metrics = metrics;
    }

    /** MQ173 {@code service_exchange1_SetBlackNumber} (legacy #7). */
    @PostMapping(path = "/SetBlackNumber", produces = MediaType.APPLICATION_JSON_VALUE)
    public LegacyEnvelope setBlackNumber(HttpServletRequest request) {
        return push(setBlackNumber, request);
    }

    /** MQ176 {@code house_exchange1_SaleCallPhoneNumberPool}: URL of our choosing (docs/messaging.md). */
    @PostMapping(path = "/AddHistoryPhone", produces = MediaType.APPLICATION_JSON_VALUE)
    public LegacyEnvelope addHistoryPhone(HttpServletRequest request) {
        return push(agentPhoneChange, request);
    }

    /** MQ108 {@code service_exchange1_privatenumberXNB}. */
    @PostMapping(path = "/UnBindClientNumber", produces = MediaType.APPLICATION_JSON_VALUE)
    public LegacyEnvelope unBindClientNumber(HttpServletRequest request) {
        return push(clientUnbind, request);
    }

    private LegacyEnvelope push(InboundHandler<?> handler, HttpServletRequest request) {
        String requestId = RequestContext.newRequestId();
        try {
            byte[] body = read(request);
            Object caller = request.getAttribute(RequestContext.CALLER_ATTRIBUTE);
            List<?> data = handler.handle(body, requestId, "http push from " + (caller == null ? request.getRemoteAddr() : caller));
            metrics.consumed(handler.queue(), "http");
            return LegacyEnvelope.success(requestId, data);
        } catch (Exception e) {
            metrics.failed(handler.queue(), "http");
            if (Failures.isBusiness(e)) {
                // definitive (invalid message, refusal) or transient (provider unavailable, pending, busy)
                log.info("push {} answered 5000 (requestId {}): {}", handler.queue(), requestId, Failures.reason(e));
                return LegacyEnvelope.failure(requestId, Failures.reason(e), List.of());
            }
            log.error("push {} failed (requestId {})", handler.queue(), requestId, e);
            return LegacyEnvelope.failure(requestId, ErrorCode.INTERNAL.format("请求失败,RequestId=" + requestId), List.of());
        }
    }

    private static byte[] read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            // one byte more than allowed, so that MessageFields sees (and names) an oversized body
            return in.readNBytes(MessageFields.MAX_BODY_BYTES + 1);
        }
    }
}
