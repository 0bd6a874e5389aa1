package com.pnhub.command.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.rules.NumberRules;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The constraints answer with the value objects' texts, through the real Hibernate Validator. */
class ValueConstraintsTest {

    record Body(@ValidPhoneNumber String phone, @ValidVirtualNumber String number, @ValidPlatform Integer platform) {
    }

    /** What Spring's factory does for these: the rules into the two that need them. */
    private static final class WithRules implements ConstraintValidatorFactory {
        private final NumberRules rules = NumberRules.defaults();

        @Override
        @SuppressWarnings("unchecked")
        public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
            if (key == ValidPhoneNumber.Validator.class) {
                return (T) new ValidPhoneNumber.Validator(rules);
            }
            if (key == ValidVirtualNumber.Validator.class) {
                return (T) new ValidVirtualNumber.Validator(rules);
            }
            try {
                return key.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void releaseInstance(ConstraintValidator<?, ?> instance) {
        }
    }

    private final ValidatorFactory factory = Validation.byDefaultProvider().configure()
            .constraintValidatorFactory(new WithRules()).buildValidatorFactory();
    private final Validator validator = factory.getValidator();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void acceptsValidValuesAndAbsentOnes() {
        assertThat(validator.validate(new Body("13812345678", "17111526089", 3))).isEmpty();
        assertThat(validator.validate(new Body(null, null, null))).isEmpty();
    }

    @Test
    void refusesEachWithItsValueObjectsText() {
        assertThat(messages(validator.validate(new Body("17111526089", "13812345678", 9)))).containsExactlyInAnyOrderEntriesOf(
                Map.of("phone", "不是有效的真实号码", "number", "不是有效的隐私号(虚拟号码)", "platform", "平台只能是1,2,3"));
    }

    @Test
    void aTextIsNeverReadAsAMessageTemplate() {
        assertThat(ValueObjectValidator.literal("a{b}$c\\d")).isEqualTo("a\\{b\\}\\$c\\\\d");
    }

    private static Map<String, String> messages(Set<ConstraintViolation<Body>> violations) {
        return violations.stream().collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}
