package com.pnhub.app;

import com.pnhub.app.local.LocalEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "com.pnhub")
public class PnhubApplication {

    public static void main(String[] args) {
        // no network here or in most data centres: never phone home
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication app = new SpringApplication(PnhubApplication.class);
        LocalEnvironment.attachIfLocal(app, args);
        app.run(args);
    }
}
