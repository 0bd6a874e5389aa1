package com.pnhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Axon infrastructure is the persistent one we chose (ADR 0002), not a silent in-memory or no-op
 * fallback, and the schema Flyway owns has no oid column anywhere.
 */
@IntegrationTest
class AxonInfrastructureIntegrationTest extends IntegrationTestProperties {

    @Autowired
    EventStorageEngine eventStorageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    SagaStore<?> sagaStore;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storesEventsTokensSagasAndDeadlinesInPostgres() {
        assertThat(eventStorageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(eventSerializer).isInstanceOf(Jackson3Serializer.class);
    }

    @Test
    void theSchemaHasNoOidColumnsAndBinaryPayloadsAreBytea() {
        Integer oids = jdbc.queryForObject(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'oid'",
                Integer.class);
        assertThat(oids).isZero();
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND data_type = 'bytea' ORDER BY 1""", String.class))
                .contains("domain_event_entry.payload", "domain_event_entry.meta_data", "snapshot_event_entry.payload",
                        "token_entry.token", "saga_entry.serialized_saga", "dead_letter_entry.payload",
                        "scheduled_tasks.task_data");
    }
}
