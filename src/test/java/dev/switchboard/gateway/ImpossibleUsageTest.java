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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upstream that reports token counts no real call can have (negative, beyond 64 bits, or absurdly large) gave a
 * malformed answer: a 502 marked as such, with one usage record of the failure (never a bill for 9.2e18 tokens), and a
 * stream that already began ends with an OpenAI error event rather than a silent cut.
 */
class ImpossibleUsageTest extends GatewayTestSupport {

    private static final String IMPOSSIBLE_USAGE = "\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":2,\"total_tokens\":1}";

    @ParameterizedTest
    @ValueSource(strings = {
            "\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":2,\"total_tokens\":1}",
            "\"usage\":{\"prompt_tokens\":9200000000000000000,\"completion_tokens\":2,\"total_tokens\":9200000000000000002}",
            "\"usage\":{\"prompt_tokens\":123456789012345678901234567890,\"completion_tokens\":2}",
            "\"usage\":{\"prompt_tokens\":12.5,\"completion_tokens\":2}"})
    void shouldAnswerA502AndRecordAMalformedAnswerForImpossibleUsage(String usage) throws Exception {
        var user = newUser();
        var completion = """
                {"id":"chatcmpl-x","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],%s}""".formatted(usage);
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.json(200, completion))) {
            var response = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                    "Authorization", bearer(user));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json(response).path("error").path("type").asString()).isEqualTo("api_error");
            assertThat(json(response).path("error").path("code").asString()).isEqualTo("upstream_malformed_answer");
        }
        var record = onlyRecord(user);
        assertThat(record.get("status")).isEqualTo("error");
        assertThat(record.get("error_type")).isEqualTo("MALFORMED_ANSWER");
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isZero();
    }

    @Test
    void shouldEndAStreamThatReportsImpossibleUsageWithAnErrorEventAndRecordIt() throws Exception {
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
        assertThat(last.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(last.path("error").path("code").asString()).isEqualTo("upstream_malformed_answer");
        var record = onlyRecord(user);
        assertThat(record.get("status")).isEqualTo("partial");
        assertThat(record.get("error_type")).isEqualTo("MALFORMED_ANSWER");
    }

    private Map<String, Object> onlyRecord(TestUser user) {
        return jdbc.sql("SELECT status, error_type, cost_nano_usd FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
    }
}
