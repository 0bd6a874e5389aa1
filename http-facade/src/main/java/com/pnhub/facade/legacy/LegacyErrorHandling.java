package com.pnhub.facade.legacy;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.command.gateway.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Every failure of a legacy endpoint becomes a 5000 envelope with HTTP 200, as MIS expects; nothing
 * internal (stack traces, exception names) reaches the caller. Unknown paths and methods under
 * /mangoapi are answered the same way.
 */
@RestControllerAdvice(assignableTypes = {LegacyNumberController.class, LegacyClientBindingController.class,
        LegacyErrorHandling.FallbackController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LegacyErrorHandling {

    static final String REQUEST_ID_ATTRIBUTE = LegacyErrorHandling.class.getName() + ".requestId";
    /** Set by an endpoint whose failures carry a body (#16 answers [false], #5 the customer's number). */
    static final String FAILURE_BODY_ATTRIBUTE = LegacyErrorHandling.class.getName() + ".failureBody";
    private static final Logger log = LoggerFactory.getLogger(LegacyErrorHandling.class);

    @ExceptionHandler(BusinessRuleException.class)
    public LegacyEnvelope business(BusinessRuleException e, HttpServletRequest request) {
        return LegacyEnvelope.failure(requestId(request), e.legacyMessage(), failureBody(request));
    }

    /** Tomcat could not decode the query or form (a bad %-escape, invalid UTF-8, a name without a key). */
    @ExceptionHandler(InvalidParameterException.class)
    public LegacyEnvelope undecodable(InvalidParameterException e, HttpServletRequest request) {
        return LegacyEnvelope.failure(requestId(request),
                ErrorCode.INVALID_PARAMETER.format("query", "无法解码(不是有效的URL编码或UTF-8)"), failureBody(request));
    }

    @ExceptionHandler(Exception.class)
    public LegacyEnvelope unexpected(Exception e, HttpServletRequest request) {
        String requestId = requestId(request);
        if (clientWentAway(e)) {
            // nobody is left to read the answer: not the service's failure
            log.debug("legacy request {} {}: the client closed the connection (requestId {})", request.getMethod(),
                    request.getRequestURI(), requestId);
            return null;
        }
        log.error("legacy request {} {} failed (requestId {})", request.getMethod(), request.getRequestURI(), requestId, e);
        return LegacyEnvelope.failure(requestId, ErrorCode.INTERNAL.format("请求失败,RequestId=" + requestId), failureBody(request));
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AsyncRequestNotUsableException || t.getClass().getSimpleName().equals("ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    private static List<?> failureBody(HttpServletRequest request) {
        Object body = request.getAttribute(FAILURE_BODY_ATTRIBUTE);
        return body instanceof List<?> list ? list : List.of();
    }

    private static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return id != null ? id.toString() : RequestContext.newRequestId();
    }

    /** Answers what no legacy endpoint matched: an unknown action, or a known one with a wrong method. */
    @RestController
    static class FallbackController {

        private static final Set<String> KNOWN = Set.of("BindAxNumber", "BindAxNumberByUserPhone", "UnBindAgentNumber",
                "QueryAgentNumbers", "UpdateNumberState", "ChangeBindANumber", "ReleaseTelX", "BindAxByplatform",
                "TransferBindAccount", "TemporaryBindNumber", "TemporaryUnBindNumber", "TemporaryUnBindNumberToAli",
                "UserBindLinShiNumber", "SetBlackNumber", "AddHistoryPhone", "UnBindClientNumber");

        @RequestMapping("/mangoapi/**")
        public LegacyEnvelope unmatched(HttpServletRequest request) {
            String path = request.getRequestURI();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (KNOWN.contains(last) && path.equals(controllerOf(last) + last)) {
                throw new BusinessRuleException(ErrorCode.METHOD_NOT_ALLOWED, request.getMethod());
            }
            throw new BusinessRuleException(ErrorCode.NOT_FOUND, sanitize(path));
        }

        /** The two legacy controllers' actions are not interchangeable: #16 and #17 live under PrivateNumber_ax. */
        private static String controllerOf(String action) {
            return action.equals("BindAxByplatform") || action.equals("UserBindLinShiNumber")
                    ? LegacyNumberController.USER_PRIVACY : LegacyNumberController.HUB;
        }

        private static String sanitize(String path) {
            String clean = path.replaceAll("[^A-Za-z0-9_./-]", "?");
            return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
        }
    }
}
