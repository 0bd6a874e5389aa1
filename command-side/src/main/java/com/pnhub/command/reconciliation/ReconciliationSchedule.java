package com.pnhub.command.reconciliation;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring reconciliation pass as a db-scheduler task on the {@code scheduled_tasks} table, which the
 * service's scheduler (app's DeadlineConfig, the one Axon's deadlines use) starts. One execution row for all
 * instances: one instance at a time picks it, and the next is due {@code pnhub.reconciliation.interval} after the
 * previous pass ended, whichever instance ran it and across restarts (a restart no longer resets the timer). The
 * first is due {@code pnhub.reconciliation.initial-delay} after the first start of any instance.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationSchedule {

    public static final String TASK = "reconciliation";

    @Bean
    public RecurringTask<Void> reconciliationTask(ReconciliationJob job,
                                                  @Value("${pnhub.reconciliation.interval:1h}") Duration interval,
                                                  @Value("${pnhub.reconciliation.initial-delay:${pnhub.reconciliation.interval:1h}}")
                                                  Duration initialDelay) {
        return Tasks.recurring(TASK, new AfterEachPass(interval, initialDelay))
                .execute((instance, context) -> job.runScheduledPass());
    }

    /** {@code interval} after each pass ends; the first {@code initialDelay} after the task is first registered. */
    record AfterEachPass(Duration interval, Duration initialDelay) implements Schedule {

        AfterEachPass {
            if (interval.isNegative() || interval.isZero() || initialDelay.isNegative()) {
                throw new IllegalArgumentException("pnhub.reconciliation.interval must be positive and initial-delay not negative");
            }
        }

        @Override
        public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
            return executionComplete.getTimeDone().plus(interval);
        }

        @Override
        public Instant getInitialExecutionTime(Instant now) {
            return now.plus(initialDelay);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
