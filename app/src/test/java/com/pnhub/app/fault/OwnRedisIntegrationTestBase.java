package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.admin.ConsistencyCheck;
import com.pnhub.app.redis.RedisHashGuard;
import com.pnhub.app.support.IntegrationTestProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A test whose service runs against Redis servers the test starts itself ({@link RedisProcesses}). */
abstract class OwnRedisIntegrationTestBase extends IntegrationTestProperties {

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
