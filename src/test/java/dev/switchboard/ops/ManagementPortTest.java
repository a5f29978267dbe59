package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * By default the metrics and the API docs are served on the management port only (127.0.0.1, here a random port) and
 * need no token there; the main port knows neither.
 */
class ManagementPortTest extends GatewayTestSupport {

    @Test
    void shouldAnswerNotFoundForTheActuatorAndTheDocsOnTheMainPort() {
        for (var path : new String[] {"/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/openapi", "/actuator/swagger-ui",
                "/actuator/swagger-ui/index.html", "/actuator/redoc", "/actuator/openapi/yaml", "/v3/api-docs", "/v3/api-docs.yaml",
                "/v3/api-docs/swagger-config", "/docs", "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js", "/redoc"}) {
            var response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("# TYPE").doesNotContain("\"paths\"").doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void shouldServeTheScrapeOnTheManagementPortWithoutATokenByDefault() {
        var user = newUser();
        postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", bearer(user));

        var scrape = management("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("switchboard_requests_total");
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void shouldServeOnlyTheActuatorOnTheManagementPort() {
        assertThat(management("/health").statusCode()).isEqualTo(404);
        assertThat(management("/v1/models", "Authorization", "Bearer " + ADMIN_API_KEY).statusCode()).isEqualTo(404);
    }
}
