package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.provider.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Whole answers both ways: Anthropic {@code message} ↔ OpenAI {@code chat.completion}, and round trips of each. */
class ResponseTranslationTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageToChatResponse toChat = new MessageToChatResponse(json);
    private final ChatToMessageResponse toMessage = new ChatToMessageResponse(json);

    /** The tool use answer of Anthropic's docs, with prompt caching usage. */
    private static final String MESSAGE = """
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"thinking","thinking":"The user wants weather.","signature":"EqQB"},
               {"type":"text","text":"I'll check the weather."},
               {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":50,"service_tier":"standard"}}""";

    @Test
    void shouldTranslateAMessageWithToolUseAndCacheUsageIntoAChatCompletion() {
        var chat = toChat.translate(json.readTree(MESSAGE));

        assertThat(chat.path("id").asString()).isEqualTo("msg_01Aq9w938a90dw8q");
        assertThat(chat.path("object").asString()).isEqualTo("chat.completion");
        assertThat(chat.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        var choice = chat.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").asString()).isEqualTo("I'll check the weather.");
        assertThat(choice.path("message").path("tool_calls").toString()).isEqualTo("""
                [{"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"get_weather",\
                "arguments":"{\\"location\\":\\"San Francisco, CA\\",\\"unit\\":\\"celsius\\"}"}}]""");
        assertThat(chat.path("usage").toString()).isEqualTo(
                "{\"prompt_tokens\":420,\"completion_tokens\":50,\"total_tokens\":470,\"prompt_tokens_details\":{\"cached_tokens\":300}}");
        assertThat(AnthropicWire.usageOf(json.readTree(MESSAGE).path("usage"))).isEqualTo(new Usage(420, 50, 300, 20));
    }

    @Test
    void shouldMapEveryStopReasonBothWays() {
        assertThat(AnthropicWire.finishReason("end_turn")).isEqualTo("stop");
        assertThat(AnthropicWire.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicWire.finishReason("max_tokens")).isEqualTo("length");
        assertThat(AnthropicWire.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicWire.finishReason("refusal")).isEqualTo("content_filter");
        assertThat(AnthropicWire.stopReason("stop")).isEqualTo("end_turn");
        assertThat(AnthropicWire.stopReason("length")).isEqualTo("max_tokens");
        assertThat(AnthropicWire.stopReason("tool_calls")).isEqualTo("tool_use");
        assertThat(AnthropicWire.stopReason("content_filter")).isEqualTo("refusal");
    }

    @Test
    void shouldTranslateAChatCompletionIntoAMessageNamingTheCallersModel() {
        var message = toMessage.translate(json.readTree("""
                {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Done.","refusal":null,"annotations":[]},
                   "logprobs":null,"finish_reason":"length"}],
                 "usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163,
                   "prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0}}}"""), "gpt-4o");

        assertThat(message.toString()).isEqualTo("""
                {"id":"msg_chatcmplB9MHDbslfkBeAs8l4bebGdFOJ6PeG","type":"message","role":"assistant","model":"gpt-4o",\
                "content":[{"type":"text","text":"Done."}],"stop_reason":"max_tokens","stop_sequence":null,\
                "usage":{"input_tokens":93,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"output_tokens":46}}""");
    }

    @Test
    void shouldComeBackEquivalentThroughBothDirections() {
        var original = json.readTree(MESSAGE);

        var back = toMessage.translate(toChat.translate(original), "claude-sonnet-4-5");

        assertThat(back.path("id")).isEqualTo(original.path("id"));
        // thinking comes back as thinking (canonical reasoning_content), but its signature has no canonical place
        assertThat(back.path("content")).isEqualTo(json.readTree(MESSAGE.replace("\"signature\":\"EqQB\"", "\"signature\":\"\"")).path("content"));
        assertThat(back.path("stop_reason").asString()).isEqualTo("tool_use");
        // cache writes have no canonical field: they come back as plain input, the total unchanged
        assertThat(back.path("usage").path("input_tokens").asLong()).isEqualTo(120);
        assertThat(back.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(300);
        assertThat(back.path("usage").path("output_tokens").asLong()).isEqualTo(50);
    }
}
