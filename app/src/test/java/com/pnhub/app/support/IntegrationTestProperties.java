package com.pnhub.app.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base class of integration tests: points the service at {@link TestInfrastructure}. */
public abstract class IntegrationTestProperties {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
