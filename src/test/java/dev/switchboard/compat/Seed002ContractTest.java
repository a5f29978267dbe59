package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (LLMHub), the calls of its "API Testing" section that Switchboard answers today: the health check, the
 * Swagger UI at {@code /docs} and the ReDoc reference at {@code /redoc} (a page that loads nothing from elsewhere), and
 * a gateway key in {@code X-API-Key}. Its generate-content, prompt and billing routes come with issues 12 and 10.
 */
class Seed002ContractTest extends GatewayTestSupport {

    private final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void shouldAnswerTheHealthCheck() {
        var health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("ok");
    }

    @Test
    void shouldServeSwaggerUiAtDocsAndReDocAtRedoc() throws Exception {
        var docs = following.send(HttpRequest.newBuilder(URI.create(url("/docs"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).containsIgnoringCase("swagger");

        var redoc = get("/redoc");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(redoc.body()).contains("fetch('/v3/api-docs')").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(json(get("/v3/api-docs")).path("paths").has("/api/llm/keys")).isTrue();
    }

    @Test
    void shouldTakeAGatewayKeyInXApiKey() {
        var user = newUser();
        OPENAI.willReply("Test", 3, 2);

        var call = postJson("/v1/chat/completions", """
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Test"}]}""", "X-API-Key", user.secret());

        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(get("/api/users/me", "X-API-Key", "sk-sb-not-a-key-of-anyone-0000").statusCode()).isEqualTo(401);
    }
}
