package com.pnhub.bridge.publish;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PhoneMask;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * What of a person leaves on {@code pnhub.events}: the rule is one and has no exception. Every field marked
 * {@link PersonalData} (the agent's A, the customer's B, in an event or in a record nested in one, such as
 * {@code CallRecordedEvent.record} and {@code .attribution}) is written masked by {@link PhoneMask#number}
 * ({@code 13470110001} → {@code 1347011****}); null stays null and {@link PersonalData#ERASED} stays as it is (it is
 * no number, and masking it would hide that the person was erased).
 *
 * <p>Why no event is an exception (docs/messaging.md, "Personal data on the exchange"): the exchange is read by
 * other teams' queues that this service cannot erase, so a clear number there would outlive its key. No consumer
 * needs one: those in this repository count message ids (fault-suite {@code EventTap}, the outage tests) or read
 * ids, X and states; the legacy queues, the only contract with numbers in it, are not built from this JSON
 * ({@link EventPublisher} writes them with the application's mapper, in the contract's own shapes). A consumer that
 * needs a real A or B asks the service's API, where roles decide (docs/security.md).
 *
 * <p>Done by the mapper, not by copying records: an annotation introspector ahead of Jackson's own, on a copy
 * ({@code rebuild()}) of the mapper it is given, so every other setting stays as the application configured it and
 * the application's mapper (HTTP, Axon's serializer) is not touched.
 */
public final class PersonalDataMasking {

    private PersonalDataMasking() {
    }

    /** A copy of {@code mapper} that writes every {@link PersonalData} member masked. */
    public static JsonMapper masking(JsonMapper mapper) {
        return mapper.rebuild().addModule(new Module()).build();
    }

    private static final class Module extends JacksonModule {
        @Override
        public String getModuleName() {
            return "pnhub-personal-data-masking";
        }

        @Override
        public Version version() {
            return Version.unknownVersion();
        }

        @Override
        public void setupModule(SetupContext context) {
            // inserted first: a @JsonSerialize on a personal field cannot bring the clear value back
            context.insertAnnotationIntrospector(new Introspector());
        }
    }

    private static final class Introspector extends NopAnnotationIntrospector {
        @Override
        public Object findSerializer(MapperConfig<?> config, Annotated a) {
            return a.hasAnnotation(PersonalData.class) ? MaskedSerializer.INSTANCE : null;
        }
    }

    /**
     * Writes the value's text masked. Only strings are marked today; any other type is masked by its text too,
     * so a wrongly typed mark never lets a number out in clear (nulls never reach a value serializer).
     */
    private static final class MaskedSerializer extends StdSerializer<Object> {
        static final MaskedSerializer INSTANCE = new MaskedSerializer();

        private MaskedSerializer() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(PhoneMask.number(String.valueOf(value)));
        }
    }
}
