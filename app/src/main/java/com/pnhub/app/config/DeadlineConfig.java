package com.pnhub.app.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
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

    @Bean
    public Scheduler deadlineScheduler(DataSource dataSource, Task<DbSchedulerBinaryDeadlineDetails> axonDeadlineTask) {
        return Scheduler.create(dataSource, axonDeadlineTask)
                .tableName("scheduled_tasks")
                .threads(2)
                .pollingInterval(Duration.ofMillis(250))
                .heartbeatInterval(Duration.ofSeconds(30))
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
