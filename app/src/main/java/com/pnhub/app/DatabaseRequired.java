package com.pnhub.app;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;

/**
 * Refuses a start with no database at once, and says what to run instead. The production jar has no embedded
 * servers (ADR 0025), so a newcomer's {@code java -jar app.jar} without a profile used to end in a page of bean
 * failures (the identity provider, then the DataSource) that never named the Run command's jar.
 */
public final class DatabaseRequired implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String URL = "spring.datasource.url";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String url;
        try {
            url = event.getEnvironment().getProperty(URL, "");
        } catch (IllegalArgumentException unresolved) {
            // application-prod.yml's ${SPRING_DATASOURCE_URL} with the variable unset
            url = "";
        }
        if (url.isBlank()) {
            throw new NoDatabase(event.getEnvironment().getActiveProfiles().length == 0);
        }
    }

    static final class NoDatabase extends IllegalStateException {

        final boolean noProfile;

        NoDatabase(boolean noProfile) {
            super(URL + " is not set: this jar has no embedded database");
            this.noProfile = noProfile;
        }
    }

    /** Registered in META-INF/spring.factories: Boot prints its description and action instead of a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<NoDatabase> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, NoDatabase cause) {
            String description = "No database is configured (" + URL + " / SPRING_DATASOURCE_URL is not set"
                    + (cause.noProfile ? ", and no profile is active" : "")
                    + "). This is the production jar: it holds no embedded PostgreSQL, Redis, broker or provider simulator.";
            String action = """
                    Either run it against your servers with the prod profile:
                        SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/pnhub SPRING_DATASOURCE_USERNAME=... \\
                        SPRING_DATA_REDIS_HOST=... SPRING_RABBITMQ_HOST=... (and the settings of docs/operations.md) \\
                        java -jar app/target/app-0.1.0-SNAPSHOT.jar --spring.profiles.active=prod
                    or try it on this machine with everything embedded (the README's Run command):
                        java -jar local-run/target/local-run-0.1.0-SNAPSHOT.jar""";
            return new FailureAnalysis(description, action, cause);
        }
    }
}
