package com.pnhub.query.operations;

import com.pnhub.http.NotFound;
import com.pnhub.query.blacklist.BlacklistProjection;
import com.pnhub.query.history.BindingIntervalsProjection;
import com.pnhub.query.numbers.NumberViewProjection;
import com.pnhub.query.redis.UserAxsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operates the projections: their status (segments, caught up, replaying) and a replay that rebuilds
 * one read model from the event store (its reset handler clears it first). The processor is stopped,
 * its tokens reset to the start of the store, and started again; it answers at once, the replay runs
 * in the background and its progress shows in the status.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "projections", description = "Status and replay of the read models")
public class ProjectionAdminController {

    static final Set<String> REPLAYABLE = Set.of(NumberViewProjection.PROCESSING_GROUP, UserAxsProjection.PROCESSING_GROUP,
            BlacklistProjection.PROCESSING_GROUP, BindingIntervalsProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionAdminController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * One segment as this instance sees it. {@code replayUntil} is the store's position when the replay began: the
     * replay is done for the segment when its position reaches it.
     */
    public record SegmentStatus(int segment, boolean caughtUp, boolean replaying, Long position, Long replayUntil,
                                boolean errorState) {
    }

    /**
     * {@code head} is the newest position in the event store and {@code lag} how far the slowest segment is behind
     * it. {@code replayPercent} is the slowest replaying segment's share of the way to its {@code replayUntil}, 100
     * when no segment replays. Only the segments this instance holds are listed.
     */
    public record ProjectionStatus(String name, boolean running, boolean replaying, long head, Long lag,
                                   double replayPercent, List<SegmentStatus> segments) {
    }

    @GetMapping
    @Operation(summary = "Status of every replayable projection")
    public List<ProjectionStatus> status() {
        List<ProjectionStatus> all = new ArrayList<>();
        for (String name : REPLAYABLE.stream().sorted().toList()) {
            processor(name).ifPresent(p -> all.add(status(name, p, head())));
        }
        return all;
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Clears the read model and rebuilds it from the event store")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        if (!REPLAYABLE.contains(name)) {
            // the problem document of every /api/v1 404 (code NOT_FOUND), which says what was not found
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no replayable projection " + name + "; these are: " + REPLAYABLE.stream().sorted().toList());
            problem.setProperty("code", "NOT_FOUND");
            return ResponseEntity.of(problem).build();
        }
        return ResponseEntity.accepted().body(status(name, replayNow(name), head()));
    }

    /** Stops the projection's processor, resets its tokens (its reset handler clears the read model) and starts it. */
    public StreamingEventProcessor replayNow(String name) {
        StreamingEventProcessor processor = processor(name).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return processor;
    }

    private java.util.Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private long head() {
        return eventStore.createHeadToken().position().orElse(-1L);
    }

    private static ProjectionStatus status(String name, StreamingEventProcessor p, long head) {
        Map<Integer, EventTrackerStatus> statuses = p.processingStatus();
        List<SegmentStatus> segments = statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> segment(e.getKey(), e.getValue()))
                .toList();
        Long slowest = segments.stream().map(s -> s.position() == null ? -1L : s.position()).min(Long::compare).orElse(null);
        double percent = segments.stream().filter(SegmentStatus::replaying)
                .mapToDouble(s -> s.replayUntil() == null || s.replayUntil() <= 0 ? 0
                        : Math.min(100.0, 100.0 * Math.max(0, s.position() == null ? 0 : s.position() + 1) / (s.replayUntil() + 1)))
                .min().orElse(100.0);
        return new ProjectionStatus(name, p.isRunning(), segments.stream().anyMatch(SegmentStatus::replaying), head,
                slowest == null ? null : Math.max(0, head - slowest), Math.floor(percent * 10) / 10, segments);
    }

    /**
     * Axon keeps a segment's replay token, and so its "replaying" flag, until an event after the reset position
     * arrives; a segment that has reached that position has replayed everything there was, and says so.
     */
    static SegmentStatus segment(int segment, EventTrackerStatus status) {
        Long position = value(status.getCurrentPosition());
        Long until = status.isReplaying() ? value(status.getResetPosition()) : null;
        boolean replaying = status.isReplaying() && (until == null || position == null || position < until);
        return new SegmentStatus(segment, status.isCaughtUp(), replaying, position, replaying ? until : null,
                status.isErrorState());
    }

    private static Long value(OptionalLong position) {
        return position.isPresent() ? position.getAsLong() : null;
    }
}
