package com.pnhub.app.privacy;

import com.pnhub.api.privacy.PersonalData;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
            return personal == null ? null : new Encrypting(cipher, personal.value(), personal.keyedBy());
        }

        @Override
        public Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
            return annotated.hasAnnotation(PersonalData.class) ? new Decrypting(cipher) : null;
        }
    }

    static final class Encrypting extends ValueSerializer<String> {

        private final PersonalDataCipher cipher;
        private final PersonalData.Subject subject;
        private final String keyedBy;

        Encrypting(PersonalDataCipher cipher, PersonalData.Subject subject, String keyedBy) {
            this.cipher = cipher;
            this.subject = subject;
            this.keyedBy = keyedBy;
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializationContext context) {
            if (keyedBy.isEmpty()) {
                gen.writeString(cipher.encrypt(subject, value));
                return;
            }
            // the object being written is the generator's current value: its keyedBy field names the key
            Object owner = Owners.read(gen.currentValue(), keyedBy);
            if (owner == null) {
                throw new IllegalStateException(keyedBy + " is needed to encrypt a personal field of "
                        + (gen.currentValue() == null ? "an unknown object" : gen.currentValue().getClass().getName()));
            }
            gen.writeString(cipher.encrypt(subject, value, PersonalData.Subject.ownerKey(keyedBy, owner.toString())));
        }
    }

    /** Reads a record component or a field by name, the accessors looked up once per class. */
    static final class Owners {

        private static final ClassValue<Map<String, Optional<MethodHandle>>> HANDLES =
                new ClassValue<>() {
                    @Override
                    protected Map<String, Optional<MethodHandle>> computeValue(Class<?> type) {
                        return new ConcurrentHashMap<>();
                    }
                };

        private Owners() {
        }

        static Object read(Object bean, String name) {
            if (bean == null) {
                return null;
            }
            Optional<MethodHandle> handle = HANDLES.get(bean.getClass())
                    .computeIfAbsent(name, n -> find(bean.getClass(), n));
            try {
                return handle.isPresent() ? handle.get().invoke(bean) : null;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + name + " of " + bean.getClass().getName(), e);
            }
        }

        private static Optional<MethodHandle> find(Class<?> type, String name) {
            try {
                if (type.isRecord()) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        if (component.getName().equals(name)) {
                            Method accessor = component.getAccessor();
                            accessor.setAccessible(true);
                            return Optional.of(MethodHandles.lookup().unreflect(accessor));
                        }
                    }
                }
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    try {
                        Field field = c.getDeclaredField(name);
                        field.setAccessible(true);
                        return Optional.of(MethodHandles.lookup().unreflectGetter(field));
                    } catch (NoSuchFieldException next) {
                        // its superclass may have it
                    }
                }
                return Optional.empty();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + name + " of " + type.getName(), e);
            }
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
