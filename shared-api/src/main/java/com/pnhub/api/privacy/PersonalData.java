package com.pnhub.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real person's phone number in a stored message: the agent's own mobile (A) or a customer's (B). The event
 * serializer writes such a field encrypted with the data key of that number (crypto-shredding, ADR 0027), the
 * publisher on {@code pnhub.events} writes it masked (docs/messaging.md). Once the number's key is destroyed the
 * field reads back as {@link #ERASED}. The X number is the company's own and is never marked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What an encrypted field reads back as after its key was destroyed. Fits every phone column (VARCHAR(11)). */
    String ERASED = "erased";

    Subject value();

    /**
     * The field of the same object whose value names the key, for personal data that is not itself a number (an agent's
     * name: key {@code userId:<user id>}); empty, the field's own value names its key (a phone number).
     */
    String keyedBy() default "";

    /** Whose number it is: the key is looked up per (subject, number). */
    enum Subject {
        /** An agent's own phone (A): erased on request, once the agent holds no numbers. */
        AGENT,
        /** A customer's phone (B): shredded after the retention, or on request. */
        CUSTOMER;

        /** The key name of a value keyed by {@code keyedBy}: never a phone number, so never another field's key. */
        public static String ownerKey(String keyedBy, String owner) {
            return keyedBy + ':' + owner;
        }
    }
}
