package com.pnhub.command.support.validation;

import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.PhoneNumber;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A real number (A or B) by the configured number rules: {@link PhoneNumber#of}. */
@Documented
@Constraint(validatedBy = ValidPhoneNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPhoneNumber {

    /** Replaced by the value object's own text. */
    String message() default "invalid phone number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Made by Spring's constraint validator factory, which injects the rules. */
    class Validator extends ValueObjectValidator<ValidPhoneNumber, String> {

        private final NumberRules rules;

        public Validator(NumberRules rules) {
            this.rules = rules;
        }

        @Override
        void check(String value) {
            PhoneNumber.of(PhoneNumber.PARAMETER, value, rules);
        }
    }
}
