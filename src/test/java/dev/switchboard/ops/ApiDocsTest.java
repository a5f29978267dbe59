package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** The API description, the Swagger UI and the ReDoc-style page, on the management port. */
class ApiDocsTest extends GatewayTestSupport {

    @Test
    void shouldDescribeThePublicApiWithoutAuthentication() {
        var response = management("/actuator/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).path("paths");
        assertThat(paths.has("/v1/chat/completions")).isTrue();
        assertThat(paths.has("/v1/messages")).isTrue();
        assertThat(paths.has("/api/login/access-token")).isTrue();
        assertThat(paths.has("/api/admin/users")).isTrue();
        assertThat(json(response).path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void shouldServeTheBrowsableDocsAndTheReferencePage() throws Exception {
        var following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        var ui = following.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/swagger-ui")).build(),
                HttpResponse.BodyHandlers.ofString());
        var redoc = management("/actuator/redoc");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(redoc.body()).contains("fetch('/actuator/openapi')").doesNotContain("/v3/api-docs");
    }
}
