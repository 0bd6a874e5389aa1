package com.pnhub.app.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A persistent DeadlineManager: Axon's db-scheduler integration on the scheduled_tasks table, so a
 * deadline (a saga's timeout or retry, an XB binding's expiry) survives a restart and fires on exactly
 * one instance. Wired by hand: db-scheduler's Spring Boot starter (16.7.1) orders itself after Boot 3's
 * DataSourceAutoConfiguration, which Boot 4 no longer has, and so never starts (docs/adr/0002).
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfig {

    @Bean
    public Task<DbSchedulerBinaryDeadlineDetails> axonDeadlineTask(ObjectProvider<DbSchedulerDeadlineManager> manager) {
        return DbSchedulerDeadlineManager.binaryTask(manager::getObject);
    }

    /**
     * The service's one db-scheduler: Axon's deadlines and the recurring tasks of the modules (the reconciliation
     * pass). A pass holds a thread for its whole run, so the deadlines keep two of their own; a stop interrupts a
     * pass after a few seconds (it ends INCOMPLETE and the next pass resumes it) rather than db-scheduler's default
     * of waiting half an hour.
     */
    @Bean
    public Scheduler deadlineScheduler(DataSource dataSource, Task<DbSchedulerBinaryDeadlineDetails> axonDeadlineTask,
                                       List<RecurringTask<?>> recurringTasks) {
        return Scheduler.create(dataSource, axonDeadlineTask)
                .startTasks(recurringTasks)
                .tableName("scheduled_tasks")
                .threads(2 + recurringTasks.size())
                .pollingInterval(Duration.ofMillis(250))
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    public DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler,
                                                      org.axonframework.config.Configuration configuration,
                                                      Serializer serializer,
                                                      TransactionManager transactionManager,
                                                      ObjectProvider<DeadlineManagerSpanFactory> spanFactory) {
        // Axon starts the scheduler once its handlers are registered, and stops it on shutdown
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory.getIfAvailable(() -> DefaultDeadlineManagerSpanFactory.builder().build()))
                .startScheduler(true)
                .stopScheduler(true)
                .build();
    }
}
