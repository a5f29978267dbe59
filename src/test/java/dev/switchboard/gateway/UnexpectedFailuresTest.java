package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/**
 * A failure of our own after the upstream was reached (here: an answer whose usage no {@code Usage} can hold) still
 * leaves one usage record, and a stream that already began ends with an OpenAI error event rather than a silent cut.
 */
class UnexpectedFailuresTest extends GatewayTestSupport {

    private static final String IMPOSSIBLE_USAGE = "\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":2,\"total_tokens\":1}";

    @Test
    void shouldRecordAnAnswerThatFailsOnOurSide() throws Exception {
        var user = newUser();
        var completion = """
                {"id":"chatcmpl-x","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],%s}""".formatted(IMPOSSIBLE_USAGE);
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.json(200, completion))) {
            var response = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                    "Authorization", bearer(user));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).path("error").path("type").asString()).isEqualTo("server_error");
        }
        var record = onlyRecord(user);
        assertThat(record.get("status")).isEqualTo("error");
        assertThat(record.get("error_type")).isEqualTo("INTERNAL");
    }

    @Test
    void shouldEndAStreamThatFailsOnOurSideWithAnErrorEventAndRecordIt() throws Exception {
        var user = newUser();
        var chunks = List.of(
                "data: {\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n",
                "data: {\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[]," + IMPOSSIBLE_USAGE + "}\n\n",
                "data: [DONE]\n\n");
        List<String> data;
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.sse(chunks))) {
            var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                    .header("Content-Type", "application/json").header("Authorization", bearer(user))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            data = response.body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        }

        assertThat(data).doesNotContain("[DONE]");
        var last = MockUpstream.JSON.readTree(data.getLast());
        assertThat(last.path("error").path("type").asString()).isEqualTo("server_error");
        assertThat(last.path("error").path("message").asString()).doesNotContain("impossible");
        var record = onlyRecord(user);
        assertThat(record.get("status")).isEqualTo("partial");
        assertThat(record.get("error_type")).isEqualTo("INTERNAL");
    }

    private Map<String, Object> onlyRecord(TestUser user) {
        return jdbc.sql("SELECT status, error_type FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
    }
}
