package com.pnhub.command.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciliationScheduleTest {

    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private final ReconciliationSchedule.AfterEachPass schedule =
            new ReconciliationSchedule.AfterEachPass(Duration.ofHours(1), Duration.ofMinutes(10));

    @Test
    void canWaitTheInitialDelayBeforeTheFirstPass() {
        assertThat(schedule.getInitialExecutionTime(START)).isEqualTo(START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void canWaitTheIntervalAfterAPassEndsHoweverLongItRan() {
        Execution ran = new Execution(START, new TaskInstance<>(ReconciliationSchedule.TASK, "recurring"));
        Instant twoHoursLater = START.plus(Duration.ofHours(2));
        assertThat(schedule.getNextExecutionTime(ExecutionComplete.success(ran, START, twoHoursLater)))
                .isEqualTo(twoHoursLater.plus(Duration.ofHours(1)));
        assertThat(schedule.getNextExecutionTime(ExecutionComplete.failure(ran, START, twoHoursLater, null)))
                .isEqualTo(twoHoursLater.plus(Duration.ofHours(1)));
    }

    @Test
    void cannotRunWithoutAnInterval() {
        assertThatThrownBy(() -> new ReconciliationSchedule.AfterEachPass(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconciliationSchedule.AfterEachPass(Duration.ofHours(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
