package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code SWITCHBOARD_METRICS_TOKEN} set (as for a management port open beyond the host): a scrape without the bearer
 * token, or with another, is a 401; with it, 200; the token is never logged. Here the docs are configured back onto the
 * main port ({@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false}), as they were before, for seed 002's {@code /docs}.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"SWITCHBOARD_METRICS_TOKEN=" + ManagementTokenTest.TOKEN, "SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false"})
class ManagementTokenTest extends GatewayTestSupport {

    static final String TOKEN = "scrape-LEAKCHECK-3b1f0d9e7c5a";

    @Test
    void shouldRefuseAScrapeWithoutTheToken(CapturedOutput output) {
        var none = management("/actuator/prometheus");
        var wrong = management("/actuator/prometheus", "Authorization", "Bearer " + TOKEN + "x");
        var basic = management("/actuator/prometheus", "Authorization", TOKEN);

        for (var refused : new HttpResponse<?>[] {none, wrong, basic}) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"switchboard-management\"");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat((String) refused.body()).doesNotContain("switchboard_").doesNotContain(TOKEN);
        }
        assertThat(management("/actuator/health").statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void shouldServeAScrapeWithTheToken(CapturedOutput output) {
        var scrape = management("/actuator/prometheus", "Authorization", "Bearer " + TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").doesNotContain(TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void shouldServeTheDocsOnTheMainPortWhenConfiguredSoButNeverTheMetrics() throws Exception {
        var following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        var docs = following.send(HttpRequest.newBuilder(URI.create(url("/docs"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(docs.body()).containsIgnoringCase("swagger");
        assertThat(get("/swagger-ui/swagger-initializer.js").body()).contains("\"configUrl\" : \"/v3/api-docs/swagger-config\"");
        assertThat(json(get("/v3/api-docs/swagger-config")).path("url").asString()).isEqualTo("/v3/api-docs");
        var description = json(get("/v3/api-docs"));
        assertThat(description.path("paths").has("/v1/chat/completions")).isTrue();
        assertThat(description.path("servers").path(0).path("url").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(get("/v3/api-docs.yaml").body()).contains("\n  /v1/chat/completions:\n");
        assertThat(get("/redoc").body()).contains("fetch('/v3/api-docs')");
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
        for (var path : new String[] {"/actuator/openapi", "/actuator/openapi/yaml", "/actuator/swagger-ui", "/actuator/swagger-ui/index.html"}) {
            assertThat(management(path, "Authorization", "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(404);
        }
    }
}
