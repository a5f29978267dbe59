package dev.switchboard.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The metrics carry spend per model and the API description maps every route, so both live on the management port
 * ({@code SWITCHBOARD_MANAGEMENT_PORT}, 9090, bound to {@code SWITCHBOARD_MANAGEMENT_ADDRESS}, 127.0.0.1): Spring Boot's
 * own child context, where {@code /actuator/prometheus}, the {@link ApiDocs API docs} ({@code /actuator/openapi},
 * {@code /actuator/swagger-ui}) and {@link ReferenceEndpoint /actuator/redoc} answer, behind {@link ScrapeToken} when
 * {@code SWITCHBOARD_METRICS_TOKEN} is set. The main port then has no {@code /actuator} at all.
 */
@Configuration(proxyBeanMethods = false)
class ManagementPort {

    private static final Logger log = LoggerFactory.getLogger(ManagementPort.class);

    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    FilterRegistrationBean<Filter> noActuatorOnTheMainPort(WebEndpointProperties endpoints) {
        var base = endpoints.getBasePath();
        Filter filter = (request, response, chain) -> {
            var path = ((HttpServletRequest) request).getRequestURI();
            if (path.equals(base) || path.startsWith(base + "/")) {
                ((HttpServletResponse) response).sendError(404);
                return;
            }
            chain.doFilter(request, response);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** A management port open beyond this host without a token is the operator's choice, but never a silent one. */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    ApplicationListener<ApplicationReadyEvent> warnOfAnOpenManagementPort(ManagementServerProperties management, Environment environment) {
        return ready -> {
            var address = management.getAddress();
            var open = address == null || !address.isLoopbackAddress();
            if (open && ScrapeToken.configured(environment).isEmpty()) {
                log.warn("The management port ({}) listens on {} without SWITCHBOARD_METRICS_TOKEN: metrics (spend per model) and the API "
                        + "description are open to anyone who reaches it", management.getPort(), address == null ? "every address" : address.getHostAddress());
            }
        };
    }
}
