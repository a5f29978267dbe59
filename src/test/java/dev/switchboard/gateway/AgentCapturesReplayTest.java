package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;

import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests the real coding agents send, captured from Codex CLI 0.171.0 ({@code codex exec}, {@code wire_api =
 * "responses"}) and Claude Code 2.1.332 ({@code claude -p}) run against a local mock in a network namespace (see
 * {@code e2e/agents/capture.sh}), replayed through each translation: whatever model the agent is pointed at, the
 * request is served, the agent's instructions and tools reach the provider, and the answer comes back in its dialect.
 */
class AgentCapturesReplayTest extends ResponsesTestSupport {

    static JsonNode capture(String name) {
        try (var in = AgentCapturesReplayTest.class.getResourceAsStream("/agents/" + name)) {
            return MockUpstream.JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-3.1-8b-instant", "claude-sonnet-4-5", "gemini-2.5-flash"})
    void shouldServeCodexsRequestOnEveryTranslatedProvider(String model) {
        var user = newUser();
        var request = (ObjectNode) capture("codex-0.171.0-exec.json").path("body");
        request.put("model", model);

        var events = streamResponses(request.toString(), user);

        assertThat(events.getFirst().name()).isEqualTo("response.created");
        assertThat(events.getLast().name()).isEqualTo("response.completed");
        assertNumberedInOrder(events);
        var text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("response.output_text.delta")).forEach(e -> text.append(e.json().path("delta").asString()));
        assertThat(text.toString()).startsWith("Hello from");
        assertThat(onlyRecordOf(user).get("status")).isEqualTo("ok");
    }

    @org.junit.jupiter.api.Test
    void shouldCarryCodexsDeveloperInstructionsAndFunctionToolsButNotItsHostedWebSearch() {
        var user = newUser();
        var request = (ObjectNode) capture("codex-0.171.0-exec.json").path("body");
        request.put("model", "llama-3.1-8b-instant");

        streamResponses(request.toString(), user);

        var upstream = GROQ.mock().lastRequest().json();
        var roles = new ArrayList<String>();
        upstream.path("messages").forEach(m -> roles.add(m.path("role").asString()));
        assertThat(roles).containsExactly("system", "system", "user", "user");
        assertThat(upstream.path("messages").get(3).path("content").get(0).path("text").asString()).isEqualTo("Say hello");
        var names = new ArrayList<String>();
        upstream.path("tools").forEach(t -> names.add(t.path("function").path("name").asString()));
        assertThat(names).contains("exec_command", "write_stdin", "view_image", "close_agent").hasSize(12);
        assertThat(upstream.toString()).doesNotContain("web_search").doesNotContain("prompt_cache_key").doesNotContain("client_metadata");
        assertThat(upstream.path("stream").asBoolean()).isTrue();
        assertThat(upstream.path("parallel_tool_calls").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "gemini-2.5-flash"})
    void shouldServeClaudeCodesRequestOnModelsOfOtherProviders(String model) {
        var user = newUser();
        var request = (ObjectNode) capture("claude-code-2.1.332-print.json").path("body");
        request.put("model", model);

        var events = streamEvents(user, request.toString());

        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        var upstream = (model.startsWith("gpt") ? OPENAI : null);
        if (upstream != null) {
            var sent = upstream.mock().lastRequest().json();
            assertThat(sent.toString()).doesNotContain("cache_control").doesNotContain("context_management").doesNotContain("defer_loading");
            assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("system");
            assertThat(sent.path("tools")).hasSize(12);
        }
    }

    private java.util.List<SseEvents.Event> streamEvents(TestUser user, String body) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v1/messages?beta=true")))
                .header("Content-Type", "application/json").header("x-api-key", user.secret()).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return SseEvents.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
