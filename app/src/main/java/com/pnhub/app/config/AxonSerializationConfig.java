package com.pnhub.app.config;

import com.pnhub.app.privacy.PersonalDataModule;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon's jackson3 serializer writes some framework types with their class name (the context of a
 * ReplayToken, for one). Jackson 3 refuses to resolve such names against a base type of Object unless
 * told which packages are trusted; without this a projection replay fails to read its own token.
 * <p>
 * Axon takes the first customizer bean it finds, so this one is the only one: it also adds the personal-data
 * encryption (ADR 0027) to every serializer Axon builds (events, snapshots, sagas, dead letters, messages).
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfig {

    @Bean
    public Jackson3SerializerCustomizer axonJsonMapper(PersonalDataModule personalData) {
        return builder -> builder.addModule(personalData).polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("com.pnhub.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
    }
}
