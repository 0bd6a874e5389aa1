package com.pnhub.bridge.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.deadletter.DeadLetter;
import com.pnhub.bridge.deadletter.DeadLetterActions;
import com.pnhub.bridge.deadletter.DeadLetterActions.Recorded;
import com.pnhub.bridge.deadletter.DeadLetterQueues;
import com.pnhub.bridge.publish.PublisherMonitor;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' view of the bridge (docs/messaging.md, "Dead letters"): the dead letters of each consumed queue and the
 * publisher's lag, and the re-drive and discard of dead letters, each recorded. Phone numbers in the bodies are
 * masked for callers who are not auditors by the /api/v1 answer masking (field {@code body}).
 */
@RestController
@ConditionalOnProperty(prefix = "pnhub.bridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "messaging", description = "Dead letters of the legacy queues and the publisher's lag")
public class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    static final int MAX_PEEK = 500;
    static final int MAX_ACTIONS = 1000;
    static final int MAX_NOTE = 500;

    private final DeadLetterQueues queues;
    private final DeadLetterActions actions;
    private final PublisherMonitor publisher;

    public DeadLetterController(DeadLetterQueues queues, DeadLetterActions actions, PublisherMonitor publisher) {
        this.queues = queues;
        this.actions = actions;
        this.publisher = publisher;
    }

    /** {@code deadLetters} is null when the broker could not be asked. */
    public record QueueStatus(String queue, String deadLetterQueue, Long deadLetters) {
    }

    public record Messaging(List<QueueStatus> queues, PublisherMonitor.Snapshot publisher) {
    }

    /** {@code body} is the UTF-8 text of the message; when it is not valid UTF-8, base64 and {@code bodyEncoding} says so. */
    public record DeadLetterView(String id, String queue, String reason, String errorCode, String failedAt,
                                 Integer deliveries, String contentType, String body,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String bodyEncoding) {
    }

    public record ActionResult(String id, String queue, String action, Instant at, String actor,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    public record RedriveAllResult(String queue, int redriven) {
    }

    public record DiscardRequest(String note) {
    }

    @GetMapping("/api/v1/messaging")
    @Operation(summary = "Dead letters per consumed queue and the publisher's position, head and lag")
    public Messaging messaging() {
        List<QueueStatus> all = new ArrayList<>();
        for (String q : DeadLetterQueues.QUEUES) {
            Long count;
            try {
                count = queues.count(q);
            } catch (AmqpException e) {
                log.warn("dead letters of {} not counted: {}", q, e.toString());
                count = null;
            }
            all.add(new QueueStatus(q, BridgeTopology.dlq(q), count));
        }
        return new Messaging(all, publisher.snapshot());
    }

    @GetMapping("/api/v1/dead-letters/actions")
    @Operation(summary = "Recorded re-drives and discards, newest first")
    public List<Recorded> actions(@RequestParam(required = false) String limit) {
        return actions.latest(limit(limit, 100, MAX_ACTIONS));
    }

    @GetMapping("/api/v1/dead-letters/{queue}")
    @Operation(summary = "Dead letters of a legacy queue, oldest first (read and put back in their order)")
    public ResponseEntity<List<DeadLetterView>> list(@PathVariable String queue, @RequestParam(required = false) String limit) {
        int n = limit(limit, 50, MAX_PEEK);
        if (!DeadLetterQueues.isDeadLettered(queue)) {
            return unknownQueue(queue);
        }
        return ResponseEntity.ok(queues.peek(queue, n).stream().map(DeadLetterController::view).toList());
    }

    @PostMapping("/api/v1/dead-letters/{queue}/{id}/redrive")
    @Operation(summary = "Publishes one dead letter back to its queue (confirmed), then removes it from the DLQ")
    public ResponseEntity<ActionResult> redrive(@PathVariable String queue, @PathVariable String id, Principal caller) {
        if (!DeadLetterQueues.isDeadLettered(queue)) {
            return unknownQueue(queue);
        }
        return answer(queue, id, queues.redrive(queue, id, actor(caller)));
    }

    @PostMapping("/api/v1/dead-letters/{queue}/redrive")
    @Operation(summary = "Re-drives every dead letter the queue's DLQ holds at the call")
    public ResponseEntity<RedriveAllResult> redriveAll(@PathVariable String queue, Principal caller) {
        if (!DeadLetterQueues.isDeadLettered(queue)) {
            return unknownQueue(queue);
        }
        return ResponseEntity.ok(new RedriveAllResult(queue, queues.redriveAll(queue, actor(caller))));
    }

    @PostMapping("/api/v1/dead-letters/{queue}/{id}/discard")
    @Operation(summary = "Drops one dead letter; the note (required, at most 500 characters) says why")
    public ResponseEntity<ActionResult> discard(@PathVariable String queue, @PathVariable String id,
                                                @RequestBody(required = false) DiscardRequest request, Principal caller) {
        String note = request == null ? null : request.note();
        if (note == null || note.isBlank()) {
            throw new BadRequest("note", "a discard needs a note saying why: {\"note\": \"…\"}");
        }
        if (note.length() > MAX_NOTE) {
            throw new BadRequest("note", "the note has " + note.length() + " characters, at most " + MAX_NOTE);
        }
        if (!DeadLetterQueues.isDeadLettered(queue)) {
            return unknownQueue(queue);
        }
        return answer(queue, id, queues.discard(queue, id, note.strip(), actor(caller)));
    }

    /** A parameter out of its range: 400 naming it. */
    static final class BadRequest extends RuntimeException {
        final String parameter;

        BadRequest(String parameter, String detail) {
            super(detail, null, false, false);
            this.parameter = parameter;
        }
    }

    @ExceptionHandler(BadRequest.class)
    public ProblemDetail badRequest(BadRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("code", "INVALID_PARAMETER");
        problem.setProperty("parameter", e.parameter);
        return problem;
    }

    /** The broker refused or was unreachable: nothing was acked, every dead letter is still in its DLQ. */
    @ExceptionHandler(AmqpException.class)
    public ProblemDetail brokerUnavailable(AmqpException e) {
        log.warn("dead-letter operation failed at the broker: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the message broker did not complete the operation; the dead letters are unchanged or back in their queue");
        problem.setProperty("code", "BROKER_UNAVAILABLE");
        return problem;
    }

    private static int limit(String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw new BadRequest("limit", "limit must be a whole number from 1 to " + max + ", not " + value);
        }
        return n;
    }

    private static <T> ResponseEntity<T> unknownQueue(String queue) {
        return NotFound.problem("no dead-letter queue for " + queue + "; these are: " + DeadLetterQueues.QUEUES);
    }

    private static ResponseEntity<ActionResult> answer(String queue, String id, Optional<Recorded> done) {
        return done.map(r -> ResponseEntity.ok(new ActionResult(r.messageId(), r.queue(), r.action().name(), r.at(),
                        r.actor(), r.note())))
                .orElseGet(() -> NotFound.problem("no dead letter " + id + " in " + BridgeTopology.dlq(queue)));
    }

    private static DeadLetterView view(DeadLetter d) {
        String text = d.bodyText();
        return new DeadLetterView(d.id(), d.queue(), d.reason(), d.errorCode(), d.failedAt(), d.deliveries(),
                d.properties().getContentType(), text != null ? text : Base64.getEncoder().encodeToString(d.body()),
                text != null ? null : "base64");
    }

    /** The JWT subject of the caller, never anything the caller chose. */
    private static String actor(Principal caller) {
        return caller == null ? "unknown" : caller.getName();
    }
}
