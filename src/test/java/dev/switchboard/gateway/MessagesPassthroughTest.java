package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.AnthropicUpstream.Scenario;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/** Anthropic's SDKs on {@code /v1/messages} reaching a model served by Anthropic: passed through, metered, errors in Anthropic's form. */
class MessagesPassthroughTest extends AnthropicTestSupport {

    @Test
    void shouldPassAMessageThroughUntouchedAndRecordItsExactCost() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Hello! How can I help?").withUsage(1000, 500, 200, 100));
        var request = """
                {"max_tokens":1024,"messages":[{"role":"user","content":[{"type":"text","text":"Hello, Claude","cache_control":{"type":"ephemeral"}}]}],\
                "model":"claude-sonnet-4-5","system":[{"type":"text","text":"You are terse."}],"top_k":5,"metadata":{"user_id":"u-1"}}""";

        var response = postJson("/v1/messages", request, concat(headers(user), "anthropic-beta", "context-1m-2025-08-07"));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("type").asString()).isEqualTo("message");
        assertThat(body.path("content").get(0).path("text").asString()).isEqualTo("Hello! How can I help?");
        assertThat(body.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(body.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(200);
        var upstream = ANTHROPIC.mock().lastRequest();
        assertThat(upstream.json()).isEqualTo(MockUpstream.JSON.readTree(request));
        assertThat(upstream.header("x-api-key")).isEqualTo(AnthropicUpstream.KEY);
        assertThat(upstream.header("anthropic-beta")).isEqualTo("context-1m-2025-08-07");
        assertThat(upstream.header("anthropic-version")).isEqualTo("2023-06-01");

        var record = onlyRecordOf(user);
        assertThat(record.get("endpoint")).isEqualTo("messages");
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(number(record, "input_tokens")).isEqualTo(1300);
        assertThat(number(record, "output_tokens")).isEqualTo(500);
        var caches = jdbc.sql("SELECT cached_tokens, cache_write_tokens FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
        assertThat(number(caches, "cached_tokens")).isEqualTo(200);
        assertThat(number(caches, "cache_write_tokens")).isEqualTo(100);
        // 1000 × $3/1M + 100 written to the cache × $3.75/1M + 200 read from it × $0.30/1M + 500 × $15/1M
        assertThat(number(record, "cost_nano_usd")).isEqualTo(3_000_000 + 375_000 + 60_000 + 7_500_000);
    }

    @Test
    void shouldAcceptABearerTokenAsWellAsXApiKey() {
        var user = newUser();

        var response = postJson("/v1/messages", SDK_HELLO, "Authorization", bearer(user), "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("content").get(0).path("text").asString()).isEqualTo("Hello from Claude.");
    }

    @Test
    void shouldRelayTheEventStreamAsAnthropicSentItAndRecordTheUsage() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Hello from Claude.").withUsage(25, 15, 5, 0));

        var events = streamMessages(SDK_HELLO.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\""), user);

        assertThat(events).extracting(SseEvents.Event::name).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.json().path("type").asString()).isEqualTo(e.name()));
        var text = new StringBuilder();
        events.forEach(e -> text.append(e.json().path("delta").path("text").asString("")));
        assertThat(text).hasToString("Hello from Claude.");
        assertThat(events.get(7).json().path("usage").path("output_tokens").asLong()).isEqualTo(15);
        var record = onlyRecordOf(user);
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(record.get("streamed")).isIn(true, 1, 1L);
        assertThat(number(record, "input_tokens")).isEqualTo(30);
        assertThat(number(record, "cached_tokens")).isEqualTo(5);
        assertThat(number(record, "output_tokens")).isEqualTo(15);
        // 25 × $3/1M + 5 × $0.30/1M + 15 × $15/1M = $0.0003015
        assertThat(number(record, "cost_nano_usd")).isEqualTo(301_500);
    }

    @Test
    void shouldEndABrokenStreamWithAnErrorEventAndRecordItsPartialUsage() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("This answer will be cut off").withUsage(40, 30, 0, 0).breakingAfter(4));

        var events = streamMessages(SDK_HELLO.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\""), user);

        assertThat(events).extracting(SseEvents.Event::name).doesNotContain("message_stop").endsWith("error");
        var error = events.getLast().json();
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(error.path("error").path("message").asString()).contains("anthropic");
        var record = onlyRecordOf(user);
        assertThat(record.get("status")).isEqualTo("partial");
        assertThat(number(record, "input_tokens")).isEqualTo(40);
        assertThat(number(record, "cost_nano_usd")).isEqualTo(40 * 3_000 + 15_000);
    }

    @Test
    void shouldRelayAnOverloadedErrorEventInAnthropicsForm() {
        var user = newUser();
        ANTHROPIC.willReply(Scenario.text("Overloaded soon").overloadedAfter(4));

        var events = streamMessages(SDK_HELLO.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\""), user);

        assertThat(events.getLast().name()).isEqualTo("error");
        assertThat(events.getLast().json().path("error").path("type").asString()).isEqualTo("overloaded_error");
        assertThat(onlyRecordOf(user).get("status")).isEqualTo("partial");
    }

    @Test
    void shouldRecordACallAsCancelledWhenTheClientLeavesMidStream() throws Exception {
        var user = newUser();
        try (var ignored = ANTHROPIC.mock().override("POST", "/v1/messages", (request, reply) -> reply.sse(slowEvents()))) {
            var request = HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                    .header("Content-Type", "application/json").headers(headers(user))
                    .POST(HttpRequest.BodyPublishers.ofString(SDK_HELLO.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\"")))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                assertThat(new String(body.readNBytes(14), StandardCharsets.UTF_8)).isEqualTo("event: message");
            }

            var deadline = System.currentTimeMillis() + 10_000;
            List<String> statuses = List.of();
            while (statuses.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                statuses = jdbc.sql("SELECT status FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).list();
            }
            assertThat(statuses).containsExactly("cancelled");
            assertThat(number(onlyRecordOf(user), "input_tokens")).isEqualTo(25);
        }
    }

    /** A message_start, then a text delta every 100 ms for 6 seconds. */
    private static List<String> slowEvents() {
        var events = new ArrayList<String>();
        events.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n");
        events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (var i = 0; i < 60; i++) {
            events.add(MockUpstream.PAUSE);
            events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}\n\n");
        }
        return events;
    }

    @Test
    void shouldAnswerUpstreamFailuresInAnthropicsFormWithTheRightStatus() {
        var user = newUser();

        ANTHROPIC.willFail(401, "authentication_error", "invalid x-api-key");
        var refused = postMessages(SDK_HELLO, user);
        ANTHROPIC.willFail(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
        var limited = postMessages(SDK_HELLO, user);
        ANTHROPIC.willFail(529, "overloaded_error", "Overloaded");
        var overloaded = postMessages(SDK_HELLO, user);
        ANTHROPIC.willFail(500, "api_error", "Internal server error");
        var failed = postMessages(SDK_HELLO, user);
        ANTHROPIC.willReply(Scenario.text("too late").delayedBy(4_000));
        var timedOut = postMessages(SDK_HELLO, user);

        assertError(refused, 502, "api_error");
        assertThat(json(refused).path("error").path("message").asString()).contains("refused the credential");
        assertThat(refused.body()).doesNotContain(AnthropicUpstream.KEY).doesNotContain(user.secret());
        assertError(limited, 429, "rate_limit_error");
        assertError(overloaded, 529, "overloaded_error");
        assertError(failed, 502, "api_error");
        assertError(timedOut, 504, "api_error");
        var statuses = jdbc.sql("SELECT http_status FROM usage_records WHERE user_id = ?").param(user.id()).query(Integer.class).list();
        assertThat(statuses).containsExactlyInAnyOrder(502, 429, 529, 502, 504);
    }

    @Test
    void shouldRefuseBadRequestsAsAnthropicDoesBeforeCallingTheUpstream() {
        var user = newUser();

        var noMaxTokens = postMessages("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", user);
        var noMessages = postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10}", user);
        var notJson = postMessages("{nope", user);
        var unknownModel = postMessages(SDK_HELLO.replace("claude-sonnet-4-5", "claude-nonexistent"), user);
        var noKey = postJson("/v1/messages", SDK_HELLO, SDK_HEADERS);
        var badKey = postJson("/v1/messages", SDK_HELLO, "x-api-key", "sk-sb-not-a-real-key-000000000");

        assertError(noMaxTokens, 400, "invalid_request_error");
        assertThat(json(noMaxTokens).path("error").path("message").asString()).isEqualTo("max_tokens: Field required");
        assertError(noMessages, 400, "invalid_request_error");
        assertError(notJson, 400, "invalid_request_error");
        assertError(unknownModel, 404, "not_found_error");
        assertError(noKey, 401, "authentication_error");
        assertError(badKey, 401, "authentication_error");
        assertThat(badKey.body()).doesNotContain("sk-sb-not-a-real-key-000000000");
        assertThat(ANTHROPIC.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    private static String[] concat(String[] headers, String... more) {
        var all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static void assertError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        var body = json(response);
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.path("error").path("type").asString()).isEqualTo(type);
        assertThat(body.path("error").path("message").asString()).isNotBlank();
        assertThat(List.of(response.body())).noneMatch(b -> b.contains("Exception") || b.contains("at dev.switchboard"));
    }
}
