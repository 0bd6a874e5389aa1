package com.pnhub.command.support.validation;

import com.pnhub.api.values.InvalidValueException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;

/**
 * A Bean Validation constraint that asks a shared-api value object: the value object's check is the only rule,
 * and its {@link com.pnhub.api.values.ValueProblem} text is the violation's message, so /api/v1 words a bad field
 * as the legacy facade and the queues do. Null is valid, as Bean Validation has it: {@code @NotNull} says
 * required.
 */
abstract class ValueObjectValidator<A extends Annotation, T> implements ConstraintValidator<A, T> {

    /** Throws {@link InvalidValueException} when {@code value} is not one the value object accepts. */
    abstract void check(T value);

    @Override
    public final boolean isValid(T value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            check(value);
            return true;
        } catch (InvalidValueException e) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(literal(e.problem().text())).addConstraintViolation();
            return false;
        }
    }

    /** The text as a message template that interpolates to itself ({, }, $ and \ are the interpolator's). */
    static String literal(String text) {
        return text.replaceAll("([\\\\{}$])", "\\\\$1");
    }
}
