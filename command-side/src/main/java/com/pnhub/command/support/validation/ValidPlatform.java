package com.pnhub.command.support.validation;

import com.pnhub.api.values.Platform;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A platform code, 1, 2 or 3: {@link Platform#of(String, int)}. */
@Documented
@Constraint(validatedBy = ValidPlatform.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPlatform {

    /** Replaced by the value object's own text. */
    String message() default "invalid platform";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator extends ValueObjectValidator<ValidPlatform, Integer> {

        @Override
        void check(Integer value) {
            Platform.of("platform", value);
        }
    }
}
