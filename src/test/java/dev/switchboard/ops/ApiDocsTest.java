package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

class ApiDocsTest extends GatewayTestSupport {

    @Test
    void shouldDescribeThePublicApiWithoutAuthentication() {
        var response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).path("paths");
        assertThat(paths.has("/v1/chat/completions")).isTrue();
        assertThat(paths.has("/v1/messages")).isTrue();
        assertThat(paths.has("/api/login/access-token")).isTrue();
        assertThat(paths.has("/api/admin/users")).isTrue();
        assertThat(json(response).path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void shouldServeTheBrowsableDocsAtSlashDocs() throws Exception {
        var following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        var response = following.send(HttpRequest.newBuilder(URI.create(url("/docs"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger");
    }
}
