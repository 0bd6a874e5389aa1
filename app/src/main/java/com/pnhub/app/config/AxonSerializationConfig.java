package com.pnhub.app.config;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon's jackson3 serializer writes some framework types with their class name (the context of a
 * ReplayToken, for one). Jackson 3 refuses to resolve such names against a base type of Object unless
 * told which packages are trusted; without this a projection replay fails to read its own token.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfig {

    @Bean
    public Jackson3SerializerCustomizer trustedPolymorphicTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("com.pnhub.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
    }
}
