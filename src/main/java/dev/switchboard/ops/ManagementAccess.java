package dev.switchboard.ops;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Beans of the management context, imported by Spring Boot from
 * {@code META-INF/spring/…ManagementContextConfiguration.imports} into the child context that serves the management port
 * (or into the main context when {@code SWITCHBOARD_MANAGEMENT_PORT} is the main port's: then the token guards
 * {@code /actuator/**} there). Deliberately not a {@code @Configuration}: component scanning would put its filter on the
 * main port too.
 */
class ManagementAccess {

    @Bean
    FilterRegistrationBean<ScrapeToken> scrapeToken(Environment environment, WebEndpointProperties endpoints) {
        var registration = new FilterRegistrationBean<>(new ScrapeToken(ScrapeToken.configured(environment).orElse(""), endpoints.getBasePath()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(ScrapeToken.configured(environment).isPresent());
        return registration;
    }

    /**
     * The API docs ({@link ApiDocs}) under the actuator's base path, behind the scrape token like the rest of it. The
     * description's {@code servers} names the main port, where the API answers (as springdoc's actuator variant did).
     */
    @Bean
    @ConditionalOnProperty(name = ApiDocs.ON_MANAGEMENT_PORT, havingValue = "true", matchIfMissing = true)
    SimpleUrlHandlerMapping apiDocsOnTheManagementPort(Environment environment, WebEndpointProperties endpoints) {
        return ApiDocs.mapping(new ApiDocsHandler(ApiDocsHandler.Paths.management(endpoints.getBasePath()),
                request -> environment.getProperty("local.server.port", Integer.class, request.getLocalPort())));
    }
}
