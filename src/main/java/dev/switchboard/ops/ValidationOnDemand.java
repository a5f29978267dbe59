package dev.switchboard.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.OptionalValidatorFactoryBean;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bean Validation (Hibernate Validator, on the class path for springdoc) is started when a {@code @Valid} argument is
 * first validated, not at start-up: no route validates today, and Spring Boot's validation auto-configuration (excluded
 * in application.yml) and Spring MVC's default validator would each start it, some hundreds of classes and their
 * caches resident for the gateway's life (bench/RESULTS.md, issue 16, session 7).
 */
@Configuration(proxyBeanMethods = false)
class ValidationOnDemand implements WebMvcConfigurer {

    @Override
    public Validator getValidator() {
        return new OnFirstUse();
    }

    /** Spring MVC asks {@link #supports} for every request body, and validates only {@code @Valid} ones. */
    static final class OnFirstUse implements SmartValidator {

        private final SingletonSupplier<SmartValidator> validator = SingletonSupplier.of(() -> {
            var started = new OptionalValidatorFactoryBean();
            started.afterPropertiesSet();
            return started;
        });

        @Override
        public boolean supports(Class<?> type) {
            return true;
        }

        @Override
        public void validate(Object target, Errors errors) {
            validator.obtain().validate(target, errors);
        }

        @Override
        public void validate(Object target, Errors errors, Object... hints) {
            validator.obtain().validate(target, errors, hints);
        }
    }
}
