package dev.switchboard.ops;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/redoc} on the management port: the {@link ReferencePage} reading {@code /actuator/openapi}, when the
 * docs are served there ({@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT}, the default).
 */
@Component
@WebEndpoint(id = "redoc")
@ConditionalOnProperty(name = ApiDocs.ON_MANAGEMENT_PORT, havingValue = "true", matchIfMissing = true)
class ReferenceEndpoint {

    private final String page;

    ReferenceEndpoint(@Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        this.page = ReferencePage.page(basePath + "/openapi");
    }

    @ReadOperation(produces = "text/html")
    String redoc() {
        return page;
    }
}
