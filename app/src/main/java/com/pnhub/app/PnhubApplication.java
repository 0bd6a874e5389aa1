package com.pnhub.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "com.pnhub")
public class PnhubApplication {

    public static void main(String[] args) {
        service().run(args);
    }

    /**
     * The service as {@code java -jar app.jar} starts it. local-run's main attaches its embedded servers and
     * simulators to this same application before running it (ADR 0025); its beans are found by this class's scan of
     * {@code com.pnhub}, which reaches them only where local-run is on the class path.
     */
    public static SpringApplication service() {
        // no network here or in most data centres: never phone home
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication app = new SpringApplication(PnhubApplication.class);
        app.addListeners(new DatabaseRequired());
        return app;
    }
}
