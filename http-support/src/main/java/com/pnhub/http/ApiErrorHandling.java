package com.pnhub.http;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
}
