package com.pnhub.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProjectionAdminControllerTest {

    /** A segment's status as a processor reports it: only what the endpoint reads. */
    private record Status(boolean replaying, Long position, Long resetPosition) implements EventTrackerStatus {
        @Override
        public Segment getSegment() {
            return Segment.ROOT_SEGMENT;
        }

        @Override
        public boolean isCaughtUp() {
            return !replaying;
        }

        @Override
        public boolean isReplaying() {
            return replaying;
        }

        @Override
        public boolean isMerging() {
            return false;
        }

        @Override
        public OptionalLong mergeCompletedPosition() {
            return OptionalLong.empty();
        }

        @Override
        public TrackingToken getTrackingToken() {
            return null;
        }

        @Override
        public boolean isErrorState() {
            return false;
        }

        @Override
        public Throwable getError() {
            return null;
        }

        @Override
        public OptionalLong getCurrentPosition() {
            return position == null ? OptionalLong.empty() : OptionalLong.of(position);
        }

        @Override
        public OptionalLong getResetPosition() {
            return resetPosition == null ? OptionalLong.empty() : OptionalLong.of(resetPosition);
        }
    }

    @Test
    void aSegmentShortOfItsResetPositionIsReplayingUntilIt() {
        ProjectionAdminController.SegmentStatus s = ProjectionAdminController.segment(0, new Status(true, 40L, 99L));

        assertThat(s.replaying()).isTrue();
        assertThat(s.replayUntil()).isEqualTo(99L);
    }

    /** Axon keeps the replay flag until an event after the reset position arrives; the endpoint does not. */
    @Test
    void aSegmentThatReachedItsResetPositionHasReplayed() {
        ProjectionAdminController.SegmentStatus s = ProjectionAdminController.segment(0, new Status(true, 99L, 99L));

        assertThat(s.replaying()).isFalse();
        assertThat(s.replayUntil()).isNull();
        assertThat(s.position()).isEqualTo(99L);
    }

    /** An unknown name is answered before any processor is asked (none is given here). */
    @Test
    void anUnknownProjectionIsANotFoundProblemNamingTheReplayableOnes() {
        var answer = new ProjectionAdminController(null, null).replay("no-such-projection");

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat((Object) answer.getBody()).isInstanceOfSatisfying(ProblemDetail.class, problem -> {
            assertThat(problem.getProperties()).containsEntry("code", "NOT_FOUND");
            assertThat(problem.getDetail()).contains("number-view", "redis-user-axs", "blacklist-view");
        });
    }
}
