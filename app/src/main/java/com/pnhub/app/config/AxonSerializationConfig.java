package com.pnhub.app.config;

import com.pnhub.app.privacy.PersonalDataCipher;
import com.pnhub.app.privacy.PersonalDataModule;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
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
    public Jackson3SerializerCustomizer axonJsonMapper(PersonalDataCipher cipher) {
        // not a bean: Boot would add every JacksonModule bean to the HTTP mapper, and answers would go out sealed
        PersonalDataModule personalData = new PersonalDataModule(cipher);
        return builder -> trustedTypes(builder.addModule(personalData));
    }

    /** The packages whose class names Axon's serializer may resolve (also what the service wrote before issue 15). */
    public static JsonMapper.Builder trustedTypes(JsonMapper.Builder builder) {
        return builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("com.pnhub.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .allowIfSubType("java.time.")
                .build());
    }
}
