package com.pnhub.localrun;

import com.pnhub.app.PnhubApplication;
import org.springframework.boot.SpringApplication;

/**
 * The README's Run command: app's service with everything it needs embedded (ADR 0025). Unless another profile is
 * asked for, it starts PostgreSQL, Redis, an AMQP broker and one provider simulator per platform
 * ({@link LocalEnvironment}) and then the same application {@code java -jar app.jar} starts; this module's beans (demo
 * data, the simulators' call-record receiver) are found by that application's scan of {@code com.pnhub}.
 */
public final class LocalRunApplication {

    private LocalRunApplication() {
    }

    public static void main(String[] args) {
        SpringApplication app = PnhubApplication.service();
        LocalEnvironment.attachIfLocal(app, args);
        app.run(args);
    }
}
