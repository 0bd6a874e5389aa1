package com.pnhub.app.privacy;

import com.pnhub.api.privacy.PersonalData.Subject;
import com.pnhub.api.values.InvalidValueException;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/privacy/erasures}: erase an agent's or a customer's number (admin), list the erasures. */
@RestController
@Tag(name = "privacy")
public class ErasureController {

    /**
     * subject AGENT names {@code userId} (every phone the agent had is found; {@code phones} adds any the service
     * cannot know of); subject CUSTOMER names the customer's {@code phone}.
     */
    public record ErasureRequest(Subject subject, String userId, String phone, List<String> phones) {
    }

    private final PersonalDataErasures erasures;
    private final PersonalDataMigration migration;

    public ErasureController(PersonalDataErasures erasures, PersonalDataMigration migration) {
        this.erasures = erasures;
        this.migration = migration;
    }

    @PostMapping("/api/v1/privacy/migration")
    @Operation(summary = "The one-off job: encrypts personal fields stored in clear (events, snapshots, sagas, dead"
            + " letters); idempotent, runs while the service serves")
    public List<PersonalDataMigration.TablePass> migrate() {
        return migration.run();
    }

    @PostMapping("/api/v1/privacy/erasures")
    @Operation(summary = "Erase a person's number: their keys are destroyed, read models and the Redis hash scrubbed")
    public ResponseEntity<?> erase(@RequestBody ErasureRequest request, Principal principal) {
        String by = principal == null ? null : principal.getName();
        if (request.subject() == null) {
            return problem(HttpStatus.BAD_REQUEST, "subject is required: AGENT (with userId) or CUSTOMER (with phone)");
        }
        PersonalDataErasures.Erasure erasure;
        if (request.subject() == Subject.AGENT) {
            if (request.userId() == null || !UserId.isValid(request.userId())) {
                return problem(HttpStatus.BAD_REQUEST, "userId is required for an agent's erasure and must be a user id");
            }
            List<String> phones = request.phones() == null ? List.of()
                    : request.phones().stream().map(p -> new PhoneNumber(p).value()).toList();
            erasure = erasures.eraseAgent(request.userId(), phones, by);
        } else {
            if (request.phone() == null) {
                return problem(HttpStatus.BAD_REQUEST, "phone is required for a customer's erasure");
            }
            erasure = erasures.eraseCustomer(new PhoneNumber(request.phone()).value(), by);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(erasure);
    }

    @GetMapping("/api/v1/privacy/erasures")
    @Operation(summary = "Erasures, newest first (they name no number)")
    public ResponseEntity<?> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be 1..1000 and offset not negative");
        }
        return ResponseEntity.ok(erasures.list(limit, offset));
    }

    @ExceptionHandler(PersonalDataErasures.Refused.class)
    public ResponseEntity<ProblemDetail> refused(PersonalDataErasures.Refused e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidValueException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidValueException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
