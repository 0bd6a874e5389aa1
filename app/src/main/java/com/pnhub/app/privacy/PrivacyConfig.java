package com.pnhub.app.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.pnhub.command.gateway.PersonalDataLookups;
import com.pnhub.query.privacy.ReadModelPersonalData;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The personal-data keys and cipher (ADR 0027). Every profile needs a master key; none is made up silently. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfig {

    /**
     * The key rows' own pool (see {@link PersonalDataKeys}); same database, same addresses, autocommit. Not a DataSource
     * bean: one would make Boot's own DataSource back off.
     */
    public record KeyPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }

    @Bean(destroyMethod = "close")
    public KeyPool personalDataKeyPool(DataSource dataSource, PrivacyProperties properties) {
        if (!(dataSource instanceof HikariDataSource main)) {
            throw new IllegalStateException("the personal-data key pool copies the main Hikari pool's settings; the"
                    + " DataSource is a " + dataSource.getClass().getName());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("personal-data-keys");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setDriverClassName(main.getDriverClassName());
        config.setDataSourceProperties(main.getDataSourceProperties());
        config.setMaximumPoolSize(properties.keyPoolSize());
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionTimeout(main.getConnectionTimeout());
        // the first connection is opened on first use, after Flyway made the tables
        config.setInitializationFailTimeout(-1);
        return new KeyPool(new HikariDataSource(config));
    }

    @Bean
    public PersonalDataKeys personalDataKeys(KeyPool personalDataKeyPool, PrivacyProperties properties) {
        return new PersonalDataKeys(new JdbcTemplate(personalDataKeyPool.dataSource()), MasterKey.from(properties),
                properties.keyCacheTtl(), Clock.systemUTC());
    }

    @Bean
    public PersonalDataCipher personalDataCipher(PersonalDataKeys keys, PrivacyProperties properties) {
        return new PersonalDataCipher(keys, properties.encryption().enabled());
    }

    @Bean
    public PersonalDataModule personalDataModule(PersonalDataCipher cipher) {
        return new PersonalDataModule(cipher);
    }

    @Bean(destroyMethod = "close")
    public KeyEvictions personalDataKeyEvictions(RedisConnectionFactory redis, PersonalDataKeys keys) {
        return new KeyEvictions(redis, keys);
    }

    @Bean(destroyMethod = "close")
    public PersonalDataErasures personalDataErasures(PersonalDataKeys keys, PersonalDataLookups lookups,
                                                     ReadModelPersonalData readModels, JdbcTemplate jdbc,
                                                     EventGateway events, PrivacyProperties properties) {
        return new PersonalDataErasures(keys, lookups, readModels, jdbc, events, Clock.systemUTC(),
                properties.erasureRescrubDelay());
    }

    @Bean
    public PersonalDataMigration personalDataMigration(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        return new PersonalDataMigration(jdbc, cipher);
    }

    @Bean
    public RecurringTask<Void> personalDataRetentionTask(PersonalDataErasures erasures, PrivacyProperties properties) {
        return CustomerRetention.task(erasures, properties, Clock.systemUTC());
    }
}
