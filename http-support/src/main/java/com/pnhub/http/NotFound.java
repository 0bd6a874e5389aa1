package com.pnhub.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A 404 of /api/v1 says what was not found, as a problem document: an empty body tells a script nothing. */
public final class NotFound {

    private NotFound() {
    }

    public static <T> ResponseEntity<T> problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setProperty("code", "NOT_FOUND");
        return ResponseEntity.of(problem).build();
    }
}
