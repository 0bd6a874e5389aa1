package com.pnhub.http;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * /api/v1 answers failures as RFC 9457 problem details, with the business code and message: the endpoints that change
 * state (the facade) and those that read a projection (the query side) alike. Named by package, as neither module may
 * know the other.
 */
@RestControllerAdvice(basePackages = {"com.pnhub.facade.admin", "com.pnhub.query.http"})
public class ApiErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandling.class);
    private static final Set<ErrorCode> BAD_REQUEST = EnumSet.of(ErrorCode.INVALID_PARAMETER, ErrorCode.MISSING_PARAMETER);
    private static final Set<ErrorCode> NOT_FOUND = EnumSet.of(ErrorCode.NUMBER_NOT_FOUND, ErrorCode.AGENT_NOT_FOUND);

    @ExceptionHandler(BusinessRuleException.class)
    public ProblemDetail business(BusinessRuleException e) {
        HttpStatus status = BAD_REQUEST.contains(e.code()) ? HttpStatus.BAD_REQUEST
                : NOT_FOUND.contains(e.code()) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.legacyMessage());
        problem.setProperty("code", e.code().name());
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request body is not valid JSON of the expected shape");
        problem.setProperty("code", ErrorCode.INVALID_PARAMETER.name());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        log.error("api request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
        problem.setProperty("code", ErrorCode.INTERNAL.name());
        return problem;
    }

    /**
     * Ahead of Boot's problem-details handler (order 0, spring.mvc.problemdetails), which would answer a failed
     * {@code @Valid} body with its own "Invalid request content."; only this exception, so that everything else
     * keeps {@link ApiErrorHandling}'s order.
     */
    @RestControllerAdvice(basePackages = {"com.pnhub.facade.admin", "com.pnhub.query.http"})
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class InvalidBody {

        /**
         * A bound body that failed Bean Validation: 400, the detail worded as every other bad parameter
         * ({@code 参数[phone]无效: 不是有效的真实号码}), {@code field} naming the first bad field (by name; a rule
         * of the whole body is {@code body}) and {@code errors} every one.
         */
        @ExceptionHandler(MethodArgumentNotValidException.class)
        public ProblemDetail invalidBody(MethodArgumentNotValidException e) {
            Map<String, String> fields = new TreeMap<>();
            for (ObjectError error : e.getBindingResult().getAllErrors()) {
                fields.putIfAbsent(error instanceof FieldError f ? f.getField() : "body",
                        Objects.requireNonNullElse(error.getDefaultMessage(), ""));
            }
            Map.Entry<String, String> first = fields.isEmpty() ? Map.entry("body", "") : fields.entrySet().iterator().next();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    ErrorCode.INVALID_PARAMETER.format(first.getKey(), first.getValue()));
            problem.setProperty("code", ErrorCode.INVALID_PARAMETER.name());
            problem.setProperty("field", first.getKey());
            problem.setProperty("errors", fields.entrySet().stream()
                    .map(f -> Map.of("field", f.getKey(), "message", f.getValue())).toList());
            return problem;
        }
    }
}
