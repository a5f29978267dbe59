package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude Code's own request (captured from Claude Code 2.1.332) to a Claude model: every field, unknown ones included,
 * and its {@code anthropic-beta} header reach Anthropic untouched, and thinking and redacted thinking come back exactly,
 * signatures included, whole and streamed.
 */
class ClaudeCodeFidelityTest extends ResponsesTestSupport {

    private static final String BETA = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,"
            + "thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20";

    private static final String THINKING_MESSAGE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[\
            {"type":"thinking","thinking":"The user greets me.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},\
            {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},\
            {"type":"text","text":"Hello."}],"stop_reason":"end_turn","stop_sequence":null,\
            "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":30}}""";

    @Test
    void shouldPassClaudeCodesRequestAndBetaHeaderToAnthropicUntouched() {
        var user = newUser();
        var request = (ObjectNode) AgentCapturesReplayTest.capture("claude-code-2.1.332-print.json").path("body");
        request.remove("stream");

        var response = post(request.toString(), user);

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = ANTHROPIC.mock().lastRequest();
        assertThat(upstream.json()).isEqualTo(request);
        assertThat(upstream.header("anthropic-beta")).isEqualTo(BETA);
        assertThat(upstream.body()).contains("\"context_management\"", "\"cache_control\"", "\"defer_loading\"", "\"display\":\"omitted\"");
    }

    @Test
    void shouldReturnThinkingAndRedactedThinkingExactlyAsAnthropicSentThem() throws Exception {
        var user = newUser();
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (r, reply) -> reply.json(200, THINKING_MESSAGE))) {

            var response = post("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

            assertThat(response.body()).isEqualTo(THINKING_MESSAGE);
        }
    }

    @Test
    void shouldStreamThinkingDeltasAndSignaturesVerbatim() throws Exception {
        var user = newUser();
        var events = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Greeting.\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (r, reply) -> reply.sse(events))) {

            var received = stream("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"stream\":true,"
                    + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

            assertThat(received).hasSize(events.size());
            for (var i = 0; i < events.size(); i++) {
                assertThat("event: " + received.get(i).name() + "\ndata: " + received.get(i).data() + "\n\n").isEqualTo(events.get(i));
            }
            assertThat(number(onlyRecordOf(user), "output_tokens")).isEqualTo(30);
        }
    }

    private static final String GEMINI_THOUGHT = """
            {"candidates":[{"content":{"parts":[{"text":"Weighing a greeting.","thought":true},{"text":"Hello."}],"role":"model"},
             "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":2,"thoughtsTokenCount":25,"totalTokenCount":57}}""";

    @Test
    void shouldAskGeminiToThinkWhenClaudeCodeAsksAndReturnItsThoughtsAsAThinkingBlock() throws Exception {
        var user = newUser();
        try (var ignored = GOOGLE.mock().override("POST", "/v1beta/models/", (r, reply) -> reply.json(200, GEMINI_THOUGHT))) {

            var response = post("{\"model\":\"gemini-2.5-flash\",\"max_tokens\":32000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

            assertThat(GOOGLE.mock().lastRequest().json().path("generationConfig").path("thinkingConfig").toString())
                    .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
            assertThat(json(response).path("content").toString()).isEqualTo("""
                    [{"type":"thinking","thinking":"Weighing a greeting.","signature":""},{"type":"text","text":"Hello."}]""");
        }
    }

    @Test
    void shouldStreamGeminisThoughtsAsAThinkingBlockBeforeTheText() throws Exception {
        var user = newUser();
        var flat = GEMINI_THOUGHT.replace("\n", "");
        var thought = "data: " + flat.replace(",{\"text\":\"Hello.\"}", "").replace("\"finishReason\":\"STOP\",", "") + "\r\n\r\n";
        var answer = "data: " + flat.replace("{\"text\":\"Weighing a greeting.\",\"thought\":true},", "") + "\r\n\r\n";
        try (var ignored = GOOGLE.mock().override("POST", "/v1beta/models/", (r, reply) -> reply.sse(List.of(thought, answer)))) {

            var events = stream("{\"model\":\"gemini-2.5-flash\",\"max_tokens\":4096,\"stream\":true,\"thinking\":{\"type\":\"adaptive\"},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("message_start", "content_block_start", "ping",
                    "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop");
            assertThat(events.get(1).json().path("content_block").toString()).isEqualTo("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}");
            assertThat(events.get(3).json().path("delta").toString()).isEqualTo("{\"type\":\"thinking_delta\",\"thinking\":\"Weighing a greeting.\"}");
            assertThat(events.get(6).json().path("delta").path("text").asString()).isEqualTo("Hello.");
            assertThat(GOOGLE.mock().lastRequest().json().path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt()).isEqualTo(-1);
        }
    }

    @Test
    void shouldNotAskAnOpenAiChatModelToReasonWhenClaudeCodeAsksForThinking() {
        var user = newUser();

        post("{\"model\":\"gpt-4o-mini\",\"max_tokens\":32000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
                + "\"output_config\":{\"effort\":\"high\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

        assertThat(OPENAI.mock().lastRequest().body()).doesNotContain("reasoning_effort").doesNotContain("thinking").doesNotContain("output_config");
    }

    @Test
    void shouldBillCacheWritesForFiveMinutesAndForAnHourAtTheirOwnPrices() throws Exception {
        var user = newUser();
        var message = THINKING_MESSAGE.replace("""
                "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":30}""", """
                "usage":{"input_tokens":1000,"cache_creation_input_tokens":300,"cache_read_input_tokens":400,"output_tokens":10,\
                "cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200}}""");
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (r, reply) -> reply.json(200, message))) {

            post("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"system\":[{\"type\":\"text\",\"text\":\"Long.\","
                    + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);

            var record = onlyRecordOf(user);
            assertThat(number(record, "input_tokens")).isEqualTo(1700);
            assertThat(number(record, "cached_tokens")).isEqualTo(400);
            // claude-sonnet-4-5 per 1M: 1000 × $3 + 400 read × $0.30 + 100 written for 5 min × $3.75 + 200 for an hour × $6 + 10 × $15
            assertThat(number(record, "cost_nano_usd")).isEqualTo(3_000_000 + 120_000 + 375_000 + 1_200_000 + 150_000);
        }
    }

    @Test
    void shouldCountTokensOfClaudeCodesRequestForAnyModel() {
        var user = newUser();
        var request = (ObjectNode) AgentCapturesReplayTest.capture("claude-code-2.1.332-print.json").path("body");
        request.remove(java.util.List.of("stream", "max_tokens"));

        for (var model : new String[]{"claude-sonnet-4-5", "gpt-4o-mini", "gemini-2.5-flash"}) {
            request.put("model", model);
            var response = send(HttpRequest.newBuilder(URI.create(url("/v1/messages/count_tokens?beta=true")))
                    .header("Content-Type", "application/json").header("x-api-key", user.secret()).header("anthropic-version", "2023-06-01")
                    .header("anthropic-beta", BETA).POST(HttpRequest.BodyPublishers.ofString(request.toString())).build());

            assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
            assertThat(json(response).path("input_tokens").asLong()).as(model).isPositive();
        }
    }

    private HttpResponse<String> post(String body, TestUser user) {
        return send(request(body, user));
    }

    private List<SseEvents.Event> stream(String body, TestUser user) throws Exception {
        return SseEvents.parse(http.send(request(body, user), HttpResponse.BodyHandlers.ofLines()).body());
    }

    private HttpRequest request(String body, TestUser user) {
        return HttpRequest.newBuilder(URI.create(url("/v1/messages?beta=true"))).header("Content-Type", "application/json")
                .header("x-api-key", user.secret()).header("anthropic-version", "2023-06-01").header("anthropic-beta", BETA)
                .header("x-app", "cli").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
