package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * A request that its provider's wire format cannot express is refused with a 400 in the caller's dialect before any
 * upstream call, and leaves no usage record: only requests that reached a provider are metered.
 */
class UnsentRequestsTest extends AnthropicTestSupport {

    private static final String FTP_IMAGE = """
            {"model":"gemini-2.5-flash",%s"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
              {"type":"image_url","image_url":{"url":"ftp://example.test/cat.png"}}]}]}""";

    @Test
    void shouldRefuseAChatRequestGeminiCannotExpressWithoutCallingOrRecording() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", FTP_IMAGE.formatted(""), "Authorization", bearer(user));

        assertOpenAiRefusal(response);
        assertThat(GOOGLE.mock().requests()).isEmpty();
        assertThat(recordCount(user)).isZero();
    }

    @Test
    void shouldRefuseAStreamedChatRequestGeminiCannotExpressWithoutCallingOrRecording() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", FTP_IMAGE.formatted("\"stream\":true,"), "Authorization", bearer(user));

        assertOpenAiRefusal(response);
        assertThat(GOOGLE.mock().requests()).isEmpty();
        assertThat(recordCount(user)).isZero();
    }

    @Test
    void shouldRefuseAChatRequestAnthropicCannotExpressWithoutCallingOrRecording() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","n":2,"messages":[{"role":"user","content":"Hi"}]}""", "Authorization", bearer(user));

        assertOpenAiRefusal(response);
        assertThat(ANTHROPIC.mock().requests()).isEmpty();
        assertThat(recordCount(user)).isZero();
    }

    @Test
    void shouldRefuseAMessagesRequestGeminiCannotExpressInAnthropicFormWithoutCallingOrRecording() {
        var user = newUser();
        var body = """
                {"model":"gemini-2.5-flash","max_tokens":64,%s"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"url","url":"ftp://example.test/cat.png"}}]}]}""";

        var plain = postMessages(body.formatted(""), user);
        var streamed = postMessages(body.formatted("\"stream\":true,"), user);

        for (var response : java.util.List.of(plain, streamed)) {
            assertThat(response.statusCode()).isEqualTo(400);
            var root = json(response);
            assertThat(root.path("type").asString()).isEqualTo("error");
            assertThat(root.path("error").path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(root.path("error").path("message").asString()).contains("image URL");
        }
        assertThat(GOOGLE.mock().requests()).isEmpty();
        assertThat(recordCount(user)).isZero();
    }

    private static void assertOpenAiRefusal(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var error = json(response).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).isNotBlank();
    }

    private long recordCount(TestUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single();
    }
}
