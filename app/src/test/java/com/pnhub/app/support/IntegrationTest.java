package com.pnhub.app.support;

import com.pnhub.app.PnhubApplication;
import com.pnhub.simulated.ProviderSimulators;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port against {@link TestInfrastructure}. Every test class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PnhubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.Simulators.class)
public @interface IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Simulators {

        @Bean(destroyMethod = "")
        ProviderSimulators providerSimulators() {
            return TestInfrastructure.get().simulators();
        }
    }
}
