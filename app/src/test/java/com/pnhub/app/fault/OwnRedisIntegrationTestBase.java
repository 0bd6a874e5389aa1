package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.query.operations.ConsistencyCheck;
import com.pnhub.query.operations.RedisHashGuard;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestInfrastructure;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A test whose service runs against Redis servers the test starts itself ({@link RedisProcesses}): a context of its
 * own, which runs beside the shared one (test contexts are never paused, src/test/resources/spring.properties), so
 * on a database of its own, and closed after the class.
 */
@DirtiesContext
abstract class OwnRedisIntegrationTestBase extends IntegrationTestProperties {

    /** Call from the subclass's {@code @DynamicPropertySource}: the shared context's processors keep to their database. */
    static void ownDatabase(DynamicPropertyRegistry registry, String name) {
        Object url = TestInfrastructure.get().isolatedInstanceProperties(name).get("spring.datasource.url");
        registry.add("spring.datasource.url", () -> url);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConsistencyCheck consistency;
    @Autowired
    RedisHashGuard guard;

    /** The consistency check finds the hash as the event store says (read models' own known gaps aside). */
    ConsistencyCheck.Report assertHashAgreesWithTheEventStore() {
        ConsistencyCheck.Report report = consistency.run(Duration.ofSeconds(30));
        assertThat(report.caughtUp()).as("projections caught up: %s", report.lag()).isTrue();
        assertThat(report.differences().stream().filter(d -> d.kind().startsWith("redis")).toList())
                .as("differences of the hash from the event store").isEmpty();
        return report;
    }
}
