package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/** Anthropic's SDKs on {@code /v1/messages} reaching a model served by OpenAI: translated both ways, streamed, metered. */
class MessagesToOpenAiTest extends AnthropicTestSupport {

    private static final String HELLO = SDK_HELLO.replace("claude-sonnet-4-5", "gpt-4o-mini");
    private static final String STREAM_HELLO = HELLO.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\"");

    @Test
    void shouldAnswerAnOpenAiModelAsAnAnthropicMessage() {
        var user = newUser();

        var response = postMessages("""
                {"model":"gpt-4o-mini","max_tokens":256,"system":[{"type":"text","text":"You are terse."}],
                 "messages":[{"role":"user","content":"Say hello"}],"stop_sequences":["END"],"temperature":0.5,"top_k":40,
                 "metadata":{"user_id":"u-42"}}""", user);

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("id").asString()).startsWith("msg_");
        assertThat(body.path("type").asString()).isEqualTo("message");
        assertThat(body.path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Hello from the mock.\"}]");
        assertThat(body.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(12);
        assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(10);

        var upstream = OPENAI.mock().lastRequest().json();
        assertThat(upstream.toString()).isEqualTo("""
                {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello"}],\
                "max_tokens":256,"stop":["END"],"temperature":0.5,"user":"u-42"}""");
        var record = onlyRecordOf(user);
        assertThat(record.get("endpoint")).isEqualTo("messages");
        assertThat(record.get("provider_id")).isEqualTo("openai");
        assertThat(number(record, "cost_nano_usd")).isEqualTo(7_800);
    }

    @Test
    void shouldStreamAnOpenAiAnswerAsAnthropicsEventSequence() {
        var user = newUser();

        var events = streamMessages(STREAM_HELLO, user);

        assertThat(events).extracting(SseEvents.Event::name).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.json().path("type").asString()).isEqualTo(e.name()));
        var start = events.getFirst().json().path("message");
        assertThat(start.path("id").asString()).startsWith("msg_");
        assertThat(start.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(start.path("content")).isEmpty();
        assertThat(events.get(1).json().path("content_block").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");
        var text = new StringBuilder();
        events.forEach(e -> text.append(e.json().path("delta").path("text").asString("")));
        assertThat(text).hasToString("Hello from the mock.");
        var delta = events.get(8).json();
        assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("input_tokens").asLong()).isEqualTo(12);
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(10);
        assertThat(OPENAI.mock().lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        var record = onlyRecordOf(user);
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(number(record, "cost_nano_usd")).isEqualTo(7_800);
    }

    @Test
    void shouldCarryToolUseAndToolResultsToAnOpenAiModelAndItsToolCallsBack() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.json(200, TOOL_CALL_COMPLETION))) {

            var response = postMessages(TOOL_REQUEST, user);

            var upstream = OPENAI.mock().lastRequest().json();
            assertThat(upstream.path("tools").get(0).toString()).isEqualTo("""
                    {"type":"function","function":{"name":"get_weather","description":"Get the current weather in a given location",\
                    "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}""");
            assertThat(upstream.path("tool_choice").asString()).isEqualTo("auto");
            var messages = upstream.path("messages");
            assertThat(messages.get(1).path("tool_calls").get(0).toString()).isEqualTo("""
                    {"id":"toolu_01A","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Rome\\"}"}}""");
            assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"toolu_01A\",\"content\":\"18 degrees\"}");
            assertThat(messages.get(3).toString()).isEqualTo("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"And Paris?\"}]}");

            var body = json(response);
            assertThat(body.path("stop_reason").asString()).isEqualTo("tool_use");
            assertThat(body.path("content").get(0).toString()).isEqualTo(
                    "{\"type\":\"tool_use\",\"id\":\"call_abc\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}");
        }
    }

    @Test
    void shouldStreamOpenAiToolCallsAsToolUseBlocks() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> reply.sse(TOOL_CALL_CHUNKS))) {

            var events = streamMessages(TOOL_REQUEST.replace("{\"model\"", "{\"stream\":true,\"model\""), user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("message_start", "content_block_start", "ping",
                    "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(events.get(1).json().path("content_block").toString())
                    .isEqualTo("{\"type\":\"tool_use\",\"id\":\"call_abc\",\"name\":\"get_weather\",\"input\":{}}");
            var json = new StringBuilder();
            events.forEach(e -> json.append(e.json().path("delta").path("partial_json").asString("")));
            assertThat(MockUpstream.JSON.readTree(json.toString()).path("location").asString()).isEqualTo("Paris");
            assertThat(events.get(6).json().path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
            assertThat(events.get(6).json().path("usage").path("output_tokens").asLong()).isEqualTo(17);
            assertThat(number(onlyRecordOf(user), "output_tokens")).isEqualTo(17);
        }
    }

    @Test
    void shouldEndABrokenOpenAiStreamWithAnAnthropicErrorEvent() {
        var user = newUser();
        OPENAI.willBreakStreamAfter("This answer will be cut off", 2);

        var events = streamMessages(STREAM_HELLO, user);

        assertThat(events).extracting(SseEvents.Event::name).startsWith("message_start").doesNotContain("message_stop").endsWith("error");
        assertThat(events.getLast().json().path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(onlyRecordOf(user).get("status")).isEqualTo("partial");
    }

    @Test
    void shouldAnswerOpenAiFailuresInAnthropicsForm() {
        var user = newUser();
        OPENAI.willFail(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        var response = postMessages(HELLO, user);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).path("type").asString()).isEqualTo("error");
        assertThat(json(response).path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(List.of(onlyRecordOf(user).get("status"))).containsExactly("error");
    }

    @Test
    void shouldRefuseBlocksThatOnlyAnthropicUnderstandsWithoutCallingTheUpstream() {
        var user = newUser();

        var response = postMessages("""
                {"model":"gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"url","url":"https://example.test/a.pdf"}}]}]}""", user);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(response).path("error").path("message").asString()).contains("document");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseEmbeddingAndImageModelsInAnthropicsFormWithoutCallingTheUpstream() {
        var user = newUser();

        for (var model : List.of("text-embedding-3-small", "dall-e-3")) {
            var response = postMessages("""
                    {"model":"%s","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""".formatted(model), user);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("type").asString()).isEqualTo("error");
            assertThat(json(response).path("error").path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(json(response).path("error").path("message").asString()).contains(model).contains("/v1/messages");
        }
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    /** The tool use example of Anthropic's docs, one round further. */
    private static final String TOOL_REQUEST = """
            {"model":"gpt-4o-mini","max_tokens":1024,
             "tools":[{"name":"get_weather","description":"Get the current weather in a given location",
               "input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}],
             "tool_choice":{"type":"auto"},
             "messages":[{"role":"user","content":"What is the weather like in Rome?"},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"location":"Rome"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"18 degrees"},
                 {"type":"text","text":"And Paris?"}]}]}""";

    private static final String TOOL_CALL_COMPLETION = """
            {"id":"chatcmpl-tool","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc","type":"function",
               "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}],"refusal":null,"annotations":[]},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":80,"completion_tokens":17,"total_tokens":97,"prompt_tokens_details":{"cached_tokens":0}}}""";

    private static final List<String> TOOL_CALL_CHUNKS = List.of(
            chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]}", null),
            chunk("{}", "\"tool_calls\""),
            "data: {\"id\":\"chatcmpl-tool\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":17,\"total_tokens\":97}}\n\n",
            "data: [DONE]\n\n");

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-tool\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}\n\n";
    }
}
