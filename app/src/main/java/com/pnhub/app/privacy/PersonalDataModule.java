package com.pnhub.app.privacy;

import com.pnhub.api.privacy.PersonalData;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.Version;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.module.SimpleModule;

/**
 * Puts {@link PersonalDataCipher} on every {@link PersonalData} String of whatever Axon's serializer writes: events,
 * snapshots, sagas, dead letters. Added to Axon's jackson3 mapper only; HTTP answers and published messages have
 * mappers of their own.
 */
public class PersonalDataModule extends SimpleModule {

    private final transient PersonalDataCipher cipher;

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("pnhub-personal-data", Version.unknownVersion());
        this.cipher = cipher;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new Introspector(cipher));
    }

    static final class Introspector extends NopAnnotationIntrospector {

        private final transient PersonalDataCipher cipher;

        Introspector(PersonalDataCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public Object findSerializer(MapperConfig<?> config, Annotated annotated) {
            PersonalData personal = annotated.getAnnotation(PersonalData.class);
            return personal == null ? null : new Encrypting(cipher, personal.value());
        }

        @Override
        public Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
            return annotated.hasAnnotation(PersonalData.class) ? new Decrypting(cipher) : null;
        }
    }

    static final class Encrypting extends ValueSerializer<String> {

        private final PersonalDataCipher cipher;
        private final PersonalData.Subject subject;

        Encrypting(PersonalDataCipher cipher, PersonalData.Subject subject) {
            this.cipher = cipher;
            this.subject = subject;
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(cipher.encrypt(subject, value));
        }
    }

    static final class Decrypting extends ValueDeserializer<String> {

        private final PersonalDataCipher cipher;

        Decrypting(PersonalDataCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.readValue(parser, String.class);
            }
            return cipher.decrypt(parser.getString());
        }
    }
}
