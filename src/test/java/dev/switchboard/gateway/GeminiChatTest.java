package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.GeminiUpstream;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/** /v1/chat/completions served by Gemini, end to end against the Gemini mock. */
class GeminiChatTest extends GatewayTestSupport {

    private static final String HELLO = """
            {"model":"gemini-2.5-flash","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}]}""";

    @Test
    void shouldAnswerThroughGenerateContentWithTheKeyInAHeaderAndRecordTheExactCost() {
        var user = newUser();
        GOOGLE.willReplyWithThoughts("Hello!", 1000, 200, 300, 400);

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello!");
        assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(500);
        var upstream = GOOGLE.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.query()).isNull();
        assertThat(upstream.header("x-goog-api-key")).isEqualTo(GOOGLE_KEY);
        assertThat(upstream.header("Authorization")).isNull();
        assertThat(upstream.json().path("systemInstruction").path("parts").get(0).path("text").asString()).isEqualTo("Be brief.");
        assertThat(upstream.json().path("contents")).hasSize(1);
        assertThat(upstream.json().path("contents").get(0).path("role").asString()).isEqualTo("user");
        var record = record(user);
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(((Number) record.get("input_tokens")).longValue()).isEqualTo(1000);
        assertThat(((Number) record.get("output_tokens")).longValue()).isEqualTo(500);
        assertThat(((Number) record.get("cached_tokens")).longValue()).isEqualTo(400);
        // 600 × $0.30/1M + 400 × $0.075/1M + 500 × $2.50/1M = 180 000 + 30 000 + 1 250 000 nano-USD
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(1_460_000);
        assertThat(record.get("provider_id")).isEqualTo("google");
    }

    @Test
    void shouldStreamEachGeminiEventAsChunksAndReportUsageWhenAsked() {
        var user = newUser();
        GOOGLE.willReply("Hello there, friend", 11, 7);

        var data = stream(HELLO.replace("]}", "],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), user);

        assertThat(GOOGLE.mock().lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(GOOGLE.mock().lastRequest().query()).isEqualTo("alt=sse");
        assertThat(data.getLast()).isEqualTo("[DONE]");
        var chunks = data.subList(0, data.size() - 1).stream().map(MockUpstream.JSON::readTree).toList();
        var text = new StringBuilder();
        chunks.stream().filter(c -> !c.path("choices").isEmpty())
                .forEach(c -> text.append(c.path("choices").get(0).path("delta").path("content").asString("")));
        assertThat(text.toString()).isEqualTo("Hello there, friend");
        assertThat(chunks.getFirst().path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
        assertThat(chunks.size()).isGreaterThanOrEqualTo(4);
        var finish = chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString();
        assertThat(finish).isEqualTo("stop");
        var usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(usage.path("usage").path("completion_tokens").asLong()).isEqualTo(7);
        assertThat(record(user).get("status")).isEqualTo("ok");
        assertThat(((Number) record(user).get("output_tokens")).longValue()).isEqualTo(7);
    }

    @Test
    void shouldTranslateToolsAndAnswerWithToolCalls() {
        var user = newUser();
        GOOGLE.willCallFunction("get_weather", "{\"city\":\"Paris\"}");

        var response = postJson("/v1/chat/completions", """
                {"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                   "properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}],
                 "tool_choice":"auto"}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var choice = json(response).path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        var call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("function").path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
        var sent = GOOGLE.mock().lastRequest().json();
        assertThat(sent.path("tools").get(0).path("functionDeclarations").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(sent.path("tools").get(0).path("functionDeclarations").get(0).path("parameters").has("additionalProperties")).isFalse();
        assertThat(sent.path("toolConfig").path("functionCallingConfig").path("mode").asString()).isEqualTo("AUTO");
    }

    @Test
    void shouldStreamAToolCallAsAToolCallDelta() {
        var user = newUser();
        GOOGLE.willCallFunction("get_weather", "{\"city\":\"Rome\"}");

        var data = stream("""
                {"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Weather in Rome?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""",
                user);

        var chunk = MockUpstream.JSON.readTree(data.getFirst());
        var delta = chunk.path("choices").get(0).path("delta");
        assertThat(delta.path("tool_calls").get(0).path("index").asInt()).isZero();
        assertThat(delta.path("tool_calls").get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(chunk.path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(data).noneMatch(d -> d.contains("\"choices\":[]"));
    }

    @Test
    void shouldSendImagesAsInlineData() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", """
                {"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}}]}]}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var parts = GOOGLE.mock().lastRequest().json().path("contents").get(0).path("parts");
        assertThat(parts.get(1).path("inlineData").path("mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(parts.get(1).path("inlineData").path("data").asString()).isEqualTo("/9j/4AAQSkZJRg==");
    }

    @Test
    void shouldReportARefusedGeminiKeyAsARefusedCredentialWithoutTheKey() {
        var user = newUser();
        GOOGLE.willFail(400, GeminiUpstream.apiKeyInvalidError());

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(502);
        var error = json(response).path("error");
        assertThat(error.path("code").asString()).isEqualTo("provider_credential_refused");
        assertThat(error.path("message").asString()).contains("refused the credential").doesNotContain(GOOGLE_KEY);
        assertThat(record(user).get("status")).isEqualTo("error");
    }

    @Test
    void shouldMapGeminiRateLimitsAndFailures() {
        var user = newUser();
        GOOGLE.willFail(429, GeminiUpstream.statusError(429, "RESOURCE_EXHAUSTED", "Quota exceeded"));
        var limited = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        GOOGLE.willFail(500, GeminiUpstream.statusError(500, "INTERNAL", "An internal error has occurred"));
        var failed = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        GOOGLE.willFail(400, GeminiUpstream.statusError(400, "INVALID_ARGUMENT", "Invalid value at contents"));
        var invalid = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error").path("message").asString()).contains("Quota exceeded");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("error").path("message").asString()).contains("Invalid value at contents");
    }

    @Test
    void shouldEndABrokenGeminiStreamWithAnErrorEventAndRecordItsPartialUsage() {
        var user = newUser();
        GOOGLE.willBreakStreamAfter("Hello there, friend", 2);

        var data = stream(HELLO.replace("]}", "],\"stream\":true}"), user);

        var last = MockUpstream.JSON.readTree(data.getLast());
        assertThat(last.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(data).doesNotContain("[DONE]");
        var record = record(user);
        assertThat(record.get("status")).isEqualTo("partial");
        assertThat(((Number) record.get("input_tokens")).longValue()).isEqualTo(9);
    }

    @Test
    void shouldTreatAGeminiStreamWithoutFinishReasonAsBroken() {
        var user = newUser();
        GOOGLE.willEndStreamWithoutFinishReason("Hello there, friend");

        var data = stream(HELLO.replace("]}", "],\"stream\":true}"), user);

        assertThat(MockUpstream.JSON.readTree(data.getLast()).path("error").path("code").asString()).isEqualTo("upstream_unreachable");
        assertThat(record(user).get("status")).isEqualTo("partial");
    }

    private Map<String, Object> record(TestUser user) {
        return jdbc.sql("SELECT * FROM usage_records WHERE user_id = ? ORDER BY created_at DESC").param(user.id()).query().listOfRows().getFirst();
    }

    private List<String> stream(String body, TestUser user) {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
