package dev.switchboard.ops;

import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The API docs: the OpenAPI description at {@code /v3/api-docs} (and {@code .yaml}) and Swagger UI at {@code /docs},
 * on the main port when {@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false}; by default {@link ManagementAccess} serves the
 * same on the management port ({@code /actuator/openapi}, {@code /actuator/swagger-ui}). The description is generated
 * by springdoc at build time ({@code ApiDescriptionTest}, which fails when the committed one differs from the code) and
 * served as a file: springdoc and swagger-core at run time cost about 720 classes loaded at start-up whether anyone
 * reads the docs or not, and the first reader some 550 more and 40-60 MB, all resident for the gateway's life
 * (bench/RESULTS.md, issue 16).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String ON_MANAGEMENT_PORT = "switchboard.docs.on-management-port";

    @Bean
    @ConditionalOnProperty(name = ON_MANAGEMENT_PORT, havingValue = "false")
    SimpleUrlHandlerMapping apiDocsOnTheMainPort() {
        return mapping(new ApiDocsHandler(ApiDocsHandler.Paths.mainPort(), HttpServletRequest::getServerPort));
    }

    /** A handler mapping of {@code handler}'s paths, before Spring MVC's static resources ({@code /**}). */
    static SimpleUrlHandlerMapping mapping(ApiDocsHandler handler) {
        var urls = new LinkedHashMap<String, Object>();
        for (var pattern : handler.paths().patterns()) {
            urls.put(pattern, handler);
        }
        return new SimpleUrlHandlerMapping(urls, 0);
    }
}
