package com.pnhub.command.support.validation;

import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.VirtualNumber;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A virtual number (X) by the configured number rules: {@link VirtualNumber#of}. */
@Documented
@Constraint(validatedBy = ValidVirtualNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidVirtualNumber {

    /** Replaced by the value object's own text. */
    String message() default "invalid virtual number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Made by Spring's constraint validator factory, which injects the rules. */
    class Validator extends ValueObjectValidator<ValidVirtualNumber, String> {

        private final NumberRules rules;

        public Validator(NumberRules rules) {
            this.rules = rules;
        }

        @Override
        void check(String value) {
            VirtualNumber.of(VirtualNumber.PARAMETER, value, rules);
        }
    }
}
