package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/** Every inference response carries {@code x-request-id}, the caller's own (sanitised, bounded) or a generated one, and its usage record stores it. */
class RequestIdsTest extends AnthropicTestSupport {

    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void shouldEchoTheCallersRequestIdAndStoreItWithTheUsage() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user), "x-request-id", "client-42.a_b:c");

        assertThat(response.headers().firstValue("x-request-id")).contains("client-42.a_b:c");
        assertThat(storedRequestId(user)).isEqualTo("client-42.a_b:c");
    }

    @Test
    void shouldGenerateARequestIdWhenNoneIsSent() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        var id = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(id).matches("req_[0-9a-f]{32}");
        assertThat(storedRequestId(user)).isEqualTo(id);
    }

    @Test
    void shouldSanitiseAndBoundTheCallersRequestId() {
        var user = newUser();

        var unsafe = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user), "x-request-id", "abc<script>\"x\" y");
        var long_ = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user), "x-request-id", "a".repeat(1000));
        var nothingLeft = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user), "x-request-id", "<>\"");

        assertThat(unsafe.headers().firstValue("x-request-id")).contains("abcscriptxy");
        assertThat(long_.headers().firstValue("x-request-id").orElseThrow()).hasSize(128);
        assertThat(nothingLeft.headers().firstValue("x-request-id").orElseThrow()).startsWith("req_");
    }

    @Test
    void shouldCarryTheRequestIdOnErrorsAndStreamsInBothDialects() throws Exception {
        var user = newUser();

        var unauthenticated = postJson("/v1/chat/completions", HELLO, "x-request-id", "r-401");
        var unknownModel = postJson("/v1/chat/completions", HELLO.replace("gpt-4o-mini", "no-such-model"), "Authorization", bearer(user),
                "x-request-id", "r-404");
        var anthropic = postJson("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}", "x-api-key", user.secret(),
                "anthropic-version", "2023-06-01", "x-request-id", "r-400");
        var stream = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user)).header("x-request-id", "r-sse")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());

        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("x-request-id")).contains("r-401");
        assertThat(unknownModel.headers().firstValue("x-request-id")).contains("r-404");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(anthropic.headers().firstValue("x-request-id")).contains("r-400");
        assertThat(anthropic.headers().firstValue("request-id")).contains("r-400");
        assertThat(json(anthropic).path("request_id").asString()).isEqualTo("r-400");
        assertThat(stream.headers().firstValue("x-request-id")).contains("r-sse");
        assertThat(SseEvents.parse(stream.body()).getLast().data()).isEqualTo("[DONE]");
    }

    private String storedRequestId(TestUser user) {
        return jdbc.sql("SELECT request_id FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).single();
    }
}
