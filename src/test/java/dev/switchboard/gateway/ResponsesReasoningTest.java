package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * {@code reasoning.effort} on {@code /v1/responses} for a Claude model: Claude thinks with a budget for that effort,
 * and its thinking comes back as a reasoning item, streamed as reasoning summary events; where Anthropic would want the
 * signed thinking of earlier tool calls back, Claude answers without thinking rather than fail.
 */
class ResponsesReasoningTest extends ResponsesTestSupport {

    private static final List<String> THINKING_STREAM = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"A greeting.\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAh\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello.\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    @Test
    void shouldLetClaudeThinkAndStreamItsThinkingAsReasoningSummaries() throws Exception {
        var user = newUser();
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (r, reply) -> reply.sse(THINKING_STREAM))) {

            var events = streamResponses("""
                    {"model":"claude-sonnet-4-5","input":"Hi","stream":true,"temperature":0.3,"max_output_tokens":10000,
                     "reasoning":{"effort":"medium","summary":"auto"}}""", user);

            var upstream = ANTHROPIC.mock().lastRequest().json();
            assertThat(upstream.path("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":4096}");
            assertThat(upstream.has("temperature")).isFalse();
            assertThat(upstream.path("max_tokens").asInt()).isEqualTo(10000);
            assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                    "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                    "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                    "response.content_part.done", "response.output_item.done", "response.completed");
            assertNumberedInOrder(events);
            assertThat(events.get(4).json().path("delta").asString()).isEqualTo("A greeting.");
            assertThat(events.getLast().json().path("response").path("usage").path("output_tokens").asLong()).isEqualTo(30);
        }
    }

    @Test
    void shouldReturnClaudesThinkingAsAReasoningItem() throws Exception {
        var user = newUser();
        var message = """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[\
                {"type":"thinking","thinking":"A greeting.","signature":"EqQBCgIYAh"},{"type":"text","text":"Hello."}],\
                "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":30}}""";
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (r, reply) -> reply.json(200, message))) {

            var body = json(postResponses("{\"model\":\"claude-sonnet-4-5\",\"input\":\"Hi\",\"reasoning\":{\"effort\":\"high\"}}", user));

            assertThat(ANTHROPIC.mock().lastRequest().json().path("thinking").path("budget_tokens").asInt()).isEqualTo(2048); // half of the default 4096
            assertThat(body.path("output")).extracting(item -> item.path("type").asString()).containsExactly("reasoning", "message");
            assertThat(body.path("output").get(0).path("summary").get(0).path("text").asString()).isEqualTo("A greeting.");
        }
    }

    @Test
    void shouldAnswerWithoutThinkingWhenEarlierToolCallsWouldNeedTheirSignedThinking() {
        var user = newUser();

        postResponses("""
                {"model":"claude-sonnet-4-5","reasoning":{"effort":"high"},"max_output_tokens":20000,
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{}}}],
                 "input":[{"role":"user","content":"Weather?"},
                          {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{}"},
                          {"type":"function_call_output","call_id":"call_1","output":"Sunny"}]}""", user);

        assertThat(ANTHROPIC.mock().lastRequest().json().has("thinking")).isFalse();
    }
}
