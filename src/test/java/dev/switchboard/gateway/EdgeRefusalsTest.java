package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * What is refused before any controller runs still speaks the caller's dialect: a body over the limit (declared or
 * chunked) is a 413 read no further, an unknown path a 404 and a wrong method a 405 in OpenAI's or Anthropic's error JSON,
 * and what the servlet container itself refuses (an encoded slash, a control character, a malformed escape, an oversized
 * header) is a small JSON body, never its HTML page. Answers are bounded the other way too: a provider's answer over
 * {@code switchboard.upstream.max-response-bytes} is its failure (502), recorded, read no further.
 */
@TestPropertySource(properties = {"switchboard.max-request-bytes=64KB", "switchboard.upstream.max-response-bytes=256KB"})
class EdgeRefusalsTest extends GatewayTestSupport {

    private static final int OVER = 64 * 1024 + 1;

    @Test
    void shouldRefuseADeclaredBodyOverTheLimitInEachDialect() {
        var user = newUser();
        var big = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(OVER) + "\"}]}";

        var openAi = postJson("/v1/chat/completions", big, "Authorization", bearer(user));
        var anthropic = postJson("/v1/messages", big, "x-api-key", user.secret(), "anthropic-version", "2023-06-01");
        var management = postJson("/api/users/me/gateway-keys", big, "Authorization", bearer(user));

        assertThat(openAi.statusCode()).isEqualTo(413);
        assertThat(json(openAi).path("error").path("code").asString()).isEqualTo("request_too_large");
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(json(anthropic).path("error").path("type").asString()).isEqualTo("request_too_large");
        assertThat(management.statusCode()).isEqualTo(413);
        assertThat(management.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/api/users/me/settings"})
    void shouldRefuseAChunkedBodyThatGrowsPastTheLimit(String path) {
        var user = newUser();
        var body = ("{\"model\":\"gpt-4o-mini\",\"input\":\"" + "a".repeat(OVER) + "\"}").getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("Authorization", bearer(user)).header("anthropic-version", "2023-06-01")
                .method(path.startsWith("/api") ? "PUT" : "POST", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        var response = send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("SWITCHBOARD_MAX_REQUEST_BYTES");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsInTheDialect() {
        var user = newUser();

        var openAi = get("/v1/chat/nothing", "Authorization", bearer(user));
        var method = send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions"))).header("Authorization", bearer(user)).DELETE().build());
        var anthropic = send(HttpRequest.newBuilder(URI.create(url("/v1/messages"))).header("x-api-key", user.secret()).GET().build());
        var management = get("/api/nothing", "Authorization", bearer(user));

        assertThat(openAi.statusCode()).isEqualTo(404);
        assertThat(json(openAi).path("error").path("code").asString()).isEqualTo("not_found");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(json(method).path("error").path("code").asString()).isEqualTo("method_not_allowed");
        assertThat(method.headers().firstValue("Allow")).contains("POST");
        assertThat(anthropic.statusCode()).isEqualTo(405);
        assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
        assertThat(json(anthropic).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(management.statusCode()).isEqualTo(404);
        assertThat(json(management).path("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /v1/chat%2Fcompletions", "GET /v1/mod\u0001els", "GET /v1/models?limit=%zz", "GET /v1/../../etc/passwd",
            "GET /v1/models HUGE"})
    void shouldNeverAnswerWithTheContainersHtmlPage(String line) throws IOException {
        var header = line.endsWith("HUGE") ? "X-Padding: " + "a".repeat(20_000) + "\r\n" : "";
        var requestLine = line.replace(" HUGE", "");

        var answer = raw(requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + header + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer.toLowerCase()).doesNotContain("<html").doesNotContain("tomcat").contains("content-type: application/");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("{");
    }

    @Test
    void shouldRefuseAnUpstreamAnswerOverTheLimitAndRecordTheCall() throws Exception {
        var user = newUser();
        var huge = "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + "a".repeat(2 * 1024 * 1024) + "\"},\"finish_reason\":\"stop\"}]}";
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.json(200, huge))) {
            var response = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                    "Authorization", bearer(user));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json(response).path("error").path("message").asString()).contains("exceeded 262144 bytes");
        }
        var record = jdbc.sql("SELECT status, error_type FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
        assertThat(record.get("status")).isEqualTo("error");
        assertThat(record.get("error_type")).isEqualTo("UPSTREAM_ERROR");
    }

    private String raw(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
