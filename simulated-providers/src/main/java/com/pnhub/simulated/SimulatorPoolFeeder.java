package com.pnhub.simulated;

import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.values.Platform;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where numbers are "bought" from a simulator instead of a real provider: a number registered with us
 * is put into its simulator's pool, as if the provider had sold it. At start-up the simulators get every
 * number registered so far: the tests' simulators keep nothing, and a Run command's simulator whose state file
 * was deleted (ADR 0015) gets its numbers back this way. Found by the service's component scan of
 * {@code com.pnhub}, which reaches this module only where it is on the class path: local-run and app's tests.
 */
@Component
@Profile("!prod")
@ProcessingGroup(SimulatorPoolFeeder.PROCESSING_GROUP)
public class SimulatorPoolFeeder {

    public static final String PROCESSING_GROUP = "simulator-pool-feeder";

    private final ObjectProvider<ProviderSimulators> simulators;
    private final JdbcTemplate jdbc;

    public SimulatorPoolFeeder(ObjectProvider<ProviderSimulators> simulators, JdbcTemplate jdbc) {
        this.simulators = simulators;
        this.jdbc = jdbc;
    }

    /** In the publishing thread: in-memory work that needs no token of its own in the database. */
    @Bean
    static ConfigurerModule simulatorPoolFeederProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(PROCESSING_GROUP);
    }

    @EventHandler
    void on(NumberRegisteredEvent e) {
        simulators.ifAvailable(s -> s.of(e.platform()).addNumbers(Long.toString(e.poolId()), List.of(e.number())));
    }

    @EventListener(ApplicationStartedEvent.class)
    void feedRegisteredNumbers() {
        simulators.ifAvailable(s -> jdbc.query("SELECT number, platform, pool_id FROM number_lookup", rs -> {
            s.of(Platform.ofCode(rs.getInt(2))).addNumbers(Long.toString(rs.getLong(3)), List.of(rs.getString(1)));
        }));
    }
}
