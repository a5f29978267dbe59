package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.AnthropicUpstream.Scenario;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/** An OpenAI client reaching a model served by Anthropic: translated both ways, streamed event by event, metered. */
class ChatCompletionsToAnthropicTest extends AnthropicTestSupport {

    /** As the OpenAI Python SDK sends {@code client.chat.completions.create(...)}. */
    private static final String HELLO = """
            {"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello"}],"model":"claude-sonnet-4-5"}""";

    @Test
    void shouldServeAClaudeModelThroughChatCompletionsAndRecordItsExactCost() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Hello!").withUsage(1000, 500, 200, 100));

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello!");
        assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(1300);
        assertThat(body.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(200);
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(500);

        var upstream = ANTHROPIC.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.header("x-api-key")).isEqualTo(AnthropicUpstream.KEY);
        assertThat(upstream.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(upstream.header("Authorization")).isNull();
        assertThat(upstream.json().toString()).isEqualTo("""
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":[{"type":"text","text":"Say hello"}]}],\
                "system":"You are terse.","max_tokens":4096}""");

        var record = onlyRecordOf(user);
        assertThat(record.get("endpoint")).isEqualTo("chat.completions");
        assertThat(record.get("provider_id")).isEqualTo("anthropic");
        assertThat(number(record, "input_tokens")).isEqualTo(1300);
        assertThat(number(record, "cached_tokens")).isEqualTo(200);
        // 1100 × $3/1M + 200 × $0.30/1M + 500 × $15/1M = $0.0033 + $0.00006 + $0.0075 = $0.01086
        // 1000 × $3/1M + 100 written to the cache × $3.75/1M + 200 read from it × $0.30/1M + 500 × $15/1M
        assertThat(number(record, "cost_nano_usd")).isEqualTo(3_000_000 + 375_000 + 60_000 + 7_500_000);
    }

    @Test
    void shouldStreamAClaudeAnswerAsChatCompletionChunks() {
        var user = newUser();

        var events = streamEvents("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Say hello"}]}""", "Authorization", bearer(user));

        assertThat(ANTHROPIC.mock().lastRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        var chunks = events.subList(0, events.size() - 1).stream().map(e -> e.json()).toList();
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.getFirst().path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
        var text = new StringBuilder();
        chunks.forEach(c -> c.path("choices").forEach(choice -> text.append(choice.path("delta").path("content").asString(""))));
        assertThat(text).hasToString("Hello from Claude.");
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(chunks.getLast().path("choices")).isEmpty();
        assertThat(chunks.getLast().path("usage").path("prompt_tokens").asLong()).isEqualTo(25);
        assertThat(chunks.getLast().path("usage").path("completion_tokens").asLong()).isEqualTo(15);
        // 25 × $3/1M + 15 × $15/1M = $0.0003
        assertThat(number(onlyRecordOf(user), "cost_nano_usd")).isEqualTo(300_000);
    }

    @Test
    void shouldTranslateToolsAndToolCallsBothWays() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Let me check.").withToolUse("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"Paris\"}"));

        var response = postJson("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "tool_choice":"required"}""", "Authorization", bearer(user));

        var upstream = ANTHROPIC.mock().lastRequest().json();
        assertThat(upstream.path("tools").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(upstream.path("tools").get(0).path("input_schema").path("required").get(0).asString()).isEqualTo("location");
        assertThat(upstream.path("tool_choice").toString()).isEqualTo("{\"type\":\"any\"}");
        assertThat(upstream.path("messages").get(1).path("content").get(0).toString())
                .isEqualTo("{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{\"location\":\"Rome\"}}");
        assertThat(upstream.path("messages").get(2).toString()).isEqualTo(
                "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"18C\"}]}");

        var choice = json(response).path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Let me check.");
        var call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asString()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(MockUpstream.JSON.readTree(call.path("function").path("arguments").asString()).path("location").asString()).isEqualTo("Paris");
    }

    @Test
    void shouldStreamToolCallArgumentsAsTheyArrive() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("").withToolUse("toolu_01", "get_weather", "{\"location\": \"San Francisco, CA\"}"));

        var events = streamEvents("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}]}""",
                "Authorization", bearer(user));

        var deltas = events.stream().filter(e -> !e.data().equals("[DONE]")).map(e -> e.json().path("choices").path(0)).toList();
        var calls = deltas.stream().filter(c -> c.path("delta").has("tool_calls")).map(c -> c.path("delta").path("tool_calls").get(0)).toList();
        assertThat(calls.getFirst().path("id").asString()).isEqualTo("toolu_01");
        assertThat(calls.getFirst().path("function").path("name").asString()).isEqualTo("get_weather");
        var arguments = new StringBuilder();
        calls.forEach(c -> arguments.append(c.path("function").path("arguments").asString("")));
        assertThat(arguments).hasToString("{\"location\": \"San Francisco, CA\"}");
        assertThat(calls).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.path("index").asInt()).isZero());
        assertThat(deltas.getLast().path("finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void shouldSendImagePartsAsAnthropicImageBlocks() {
        var user = newUser();

        postJson("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in these images?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://upload.wikimedia.org/a.jpg","detail":"high"}}]}],
                 "max_completion_tokens":300,"temperature":0.2,"top_p":0.9,"stop":"END"}""", "Authorization", bearer(user));

        var upstream = ANTHROPIC.mock().lastRequest().json();
        var content = upstream.path("messages").get(0).path("content");
        assertThat(content.get(1).toString()).isEqualTo(
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}");
        assertThat(content.get(2).toString()).isEqualTo(
                "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://upload.wikimedia.org/a.jpg\"}}");
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(upstream.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(upstream.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(upstream.path("stop_sequences").toString()).isEqualTo("[\"END\"]");
    }

    @Test
    void shouldMapAnthropicFailuresToOpenAiErrorsWithoutTheKey() {
        var user = newUser();

        ANTHROPIC.willFail(401, "authentication_error", "invalid x-api-key " + AnthropicUpstream.KEY);
        var refused = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        ANTHROPIC.willReply(Scenario.text("").failing(429, AnthropicUpstream.errorJson("rate_limit_error", "Slow down")).withRetryAfter("7"));
        var limited = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        ANTHROPIC.willFail(529, "overloaded_error", "Overloaded");
        var overloaded = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        ANTHROPIC.willReply(Scenario.text("too late").delayedBy(4_000));
        var timedOut = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(json(refused).path("error").path("message").asString()).contains("refused the credential");
        assertThat(refused.body()).doesNotContain(AnthropicUpstream.KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(overloaded.statusCode()).isEqualTo(502);
        assertThat(json(overloaded).path("error").path("message").asString()).contains("Overloaded");
        assertThat(timedOut.statusCode()).isEqualTo(504);
        var statuses = jdbc.sql("SELECT http_status FROM usage_records WHERE user_id = ?").param(user.id()).query(Integer.class).list();
        assertThat(statuses).containsExactlyInAnyOrder(502, 429, 502, 504);
    }

    @Test
    void shouldEndABrokenClaudeStreamWithAnErrorChunkAndRecordItsPartialUsage() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("This answer will be cut off").withUsage(40, 30, 0, 0).breakingAfter(4));

        var events = streamEvents("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""",
                "Authorization", bearer(user));

        assertThat(events).extracting(e -> e.data()).doesNotContain("[DONE]");
        assertThat(events.getLast().json().path("error").path("message").asString()).contains("anthropic");
        var record = onlyRecordOf(user);
        assertThat(record.get("status")).isEqualTo("partial");
        assertThat(number(record, "input_tokens")).isEqualTo(40);
    }

    @Test
    void shouldTreatAnErrorEventMidStreamAsAFailureOfTheProvider() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Overloaded soon").overloadedAfter(4));

        var events = streamEvents("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""",
                "Authorization", bearer(user));

        assertThat(events.getLast().json().path("error").path("message").asString()).contains("Overloaded");
        assertThat(onlyRecordOf(user).get("status")).isEqualTo("partial");
        assertThat(List.of(events.getLast().data())).doesNotContain("[DONE]");
    }
}
