package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible gateway end to end, against a mock OpenAI upstream: what a client sends and sees, what the
 * upstream receives, and what the usage log holds afterwards. Runs on SQLite and on PostgreSQL.
 */
abstract class ChatCompletionsContract extends GatewayTestSupport {

    private static final String HELLO = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}""";

    @Test
    void shouldAnswerAChatCompletionAsTheUpstreamDidAndRecordItsExactCost() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello from the mock.");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(12);

        var upstream = OPENAI.mock().lastRequest();
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(upstream.json().path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(upstream.json().path("messages").get(0).path("content").asString()).isEqualTo("Say hello");

        // durable before the client saw the end of the response: no waiting here
        var record = jdbc.sql("SELECT status, input_tokens, output_tokens, cost_nano_usd, credential_kind, gateway_key_id, provider_id, http_status FROM usage_records WHERE user_id = ?")
                .param(user.id()).query().singleRow();
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(((Number) record.get("input_tokens")).longValue()).isEqualTo(12);
        assertThat(((Number) record.get("output_tokens")).longValue()).isEqualTo(10);
        // 12 × $0.15/1M + 10 × $0.60/1M = $0.0000078 = 7 800 nano-USD
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(7_800);
        assertThat(record.get("credential_kind")).isEqualTo("env");
        assertThat(record.get("gateway_key_id")).isEqualTo(user.keyId());
        assertThat(record.get("provider_id")).isEqualTo("openai");
    }

    @Test
    void shouldReportMyUsageWithExactDecimalTotalsPerModelAndDay() {
        var user = newUser();
        postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        OPENAI.willReply("Second answer", 1000, 500);
        postJson("/v1/chat/completions", HELLO.replace("gpt-4o-mini", "gpt-4o"), "X-API-Key", user.secret());

        var response = get("/api/billing/usage/my-usage?days=30", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        // gpt-4o: 1000 × $2.50/1M + 500 × $10/1M = $0.0075; plus $0.0000078
        assertThat(response.body()).contains("\"total_cost_usd\":0.0075078");
        var body = json(response);
        assertThat(body.path("total_requests").asLong()).isEqualTo(2);
        assertThat(body.path("total_input_tokens").asLong()).isEqualTo(1012);
        assertThat(body.path("total_output_tokens").asLong()).isEqualTo(510);
        assertThat(body.path("by_model")).hasSize(2);
        assertThat(body.path("by_model").get(0).path("model").asString()).isEqualTo("gpt-4o");
        assertThat(body.path("by_model").get(0).path("cost_usd").decimalValue()).isEqualByComparingTo("0.0075");
        assertThat(body.path("by_model").get(1).path("cost_usd").decimalValue()).isEqualByComparingTo("0.0000078");
        assertThat(body.path("by_day")).hasSize(1);
        assertThat(body.path("by_day").get(0).path("requests").asLong()).isEqualTo(2);
    }

    @Test
    void shouldNotShowOneUsersUsageToAnother() {
        var spender = newUser();
        var other = newUser();
        postJson("/v1/chat/completions", HELLO, "Authorization", bearer(spender));

        var response = get("/api/billing/usage/my-usage", "Authorization", bearer(other));

        assertThat(json(response).path("total_requests").asLong()).isZero();
        assertThat(response.body()).contains("\"total_cost_usd\":0");
    }

    @Test
    void shouldRelayAStreamChunkForChunkWithTheUsageChunkWhenAsked() {
        var user = newUser();

        var events = stream("""
                {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Say hello"}]}""", user);

        assertThat(events.getLast()).isEqualTo("[DONE]");
        var chunks = events.subList(0, events.size() - 1).stream().map(MockUpstream.JSON::readTree).toList();
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk"));
        var text = new StringBuilder();
        chunks.forEach(c -> c.path("choices").forEach(choice -> text.append(choice.path("delta").path("content").asString(""))));
        assertThat(text).hasToString("Hello from the mock.");
        var usageChunk = chunks.getLast();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("completion_tokens").asLong()).isEqualTo(10);
        assertThat(costOf(user)).isEqualTo(7_800);
    }

    @Test
    void shouldAskForUsageButHideTheUsageChunkFromAClientThatDidNot() {
        var user = newUser();

        var events = stream("""
                {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""", user);

        assertThat(OPENAI.mock().lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
            assertThat(MockUpstream.JSON.readTree(e).path("choices")).isNotEmpty();
            assertThat(MockUpstream.JSON.readTree(e).has("usage")).as(e).isFalse();
        });
        assertThat(costOf(user)).isEqualTo(7_800);
    }

    @Test
    void shouldEndABrokenStreamWithAnErrorEventAndRecordItAsPartial() {
        var user = newUser();
        OPENAI.willBreakStreamAfter("This answer will be cut off", 2);

        var events = stream("""
                {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""", user);

        assertThat(events).doesNotContain("[DONE]");
        var last = MockUpstream.JSON.readTree(events.getLast());
        assertThat(last.path("error").path("message").asString()).contains("openai");
        assertThat(last.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(statusOf(user)).isEqualTo("partial");
    }

    @Test
    void shouldListOnlyModelsWhoseProviderHasACredential() {
        var user = newUser();

        var response = get("/v1/models", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("list");
        var ids = new ArrayList<String>();
        body.path("data").forEach(m -> ids.add(m.path("id").asString()));
        assertThat(ids).contains("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "claude-sonnet-4-5", "gemini-2.5-flash")
                .doesNotContain(UNKEYED_MODEL);
        var gpt4oMini = body.path("data").get(ids.indexOf("gpt-4o-mini"));
        assertThat(gpt4oMini.path("object").asString()).isEqualTo("model");
        assertThat(gpt4oMini.path("owned_by").asString()).isEqualTo("openai");
        assertThat(body.path("data").get(ids.indexOf("claude-sonnet-4-5")).path("owned_by").asString()).isEqualTo("anthropic");
        assertThat(get("/v1/models/gpt-4o-mini", "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        assertThat(get("/v1/models/" + UNKEYED_MODEL, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseMissingAndUnknownKeysInOpenAisDialect() {
        var missing = postJson("/v1/chat/completions", HELLO);
        var unknown = postJson("/v1/chat/completions", HELLO, "Authorization", "Bearer sk-sb-not-a-real-key-000000000");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).path("error").path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(unknown.body()).doesNotContain("sk-sb-not-a-real-key-000000000");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseMalformedRequestsNamingTheField() {
        var user = newUser();

        var notJson = postJson("/v1/chat/completions", "{not json", "Authorization", bearer(user));
        var noMessages = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\"}", "Authorization", bearer(user));
        var noModel = postJson("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "Authorization", bearer(user));
        var unknownModel = postJson("/v1/chat/completions", HELLO.replace("gpt-4o-mini", "gpt-nonexistent"), "Authorization", bearer(user));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("error").path("message").asString()).contains("JSON");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(json(noMessages).path("error").path("param").asString()).isEqualTo("messages");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(json(noModel).path("error").path("param").asString()).isEqualTo("model");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(json(unknownModel).path("error").path("code").asString()).isEqualTo("model_not_found");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseAModelWhoseProviderHasNoKeyWithAClearMessage() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", HELLO.replace("gpt-4o-mini", UNKEYED_MODEL), "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asString()).contains(UNKEYED_KEY_ENV);
    }

    @Test
    void shouldMapUpstreamFailuresToGatewayStatusesWithoutLeakingTheCredential() {
        var user = newUser();

        OPENAI.willFail(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
        var serverError = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        OPENAI.willFail(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        var refused = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        OPENAI.willFail(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
        var limited = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));
        OPENAI.willReplySlowly("too late", 4_000);
        var timedOut = postJson("/v1/chat/completions", HELLO, "Authorization", bearer(user));

        assertThat(serverError.statusCode()).isEqualTo(502);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(json(refused).path("error").path("message").asString()).contains("refused the credential");
        assertThat(refused.body()).doesNotContain(OPENAI_KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(timedOut.statusCode()).isEqualTo(504);
        for (var r : List.of(serverError, refused, limited, timedOut)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.switchboard");
        }
        var statuses = jdbc.sql("SELECT http_status FROM usage_records WHERE user_id = ? ORDER BY created_at")
                .param(user.id()).query(Integer.class).list();
        assertThat(statuses).containsExactlyInAnyOrder(502, 502, 429, 504);
    }

    @Test
    void shouldAnswerHealthWhileTheDatabaseIsReachable() {
        var response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asString()).isEqualTo("ok");
    }

    @Test
    void shouldCreateTheFirstAdminAndTheAdminKeyStoredOnlyAsAHash() {
        var admin = jdbc.sql("SELECT role, password_hash FROM users WHERE email = ?").param(ADMIN_EMAIL).query().singleRow();
        assertThat(admin.get("role")).isEqualTo("ADMIN");
        assertThat((String) admin.get("password_hash")).startsWith("$2").doesNotContain(ADMIN_PASSWORD);
        var hashes = jdbc.sql("SELECT key_hash FROM gateway_keys").query(String.class).list();
        assertThat(hashes).noneMatch(h -> h.contains(ADMIN_API_KEY)).allMatch(h -> h.length() == 64);

        var response = get("/v1/models", "Authorization", "Bearer " + ADMIN_API_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private List<String> stream(String body, TestUser user) {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return response.body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long costOf(TestUser user) {
        return jdbc.sql("SELECT cost_nano_usd FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single();
    }

    private String statusOf(TestUser user) {
        return jdbc.sql("SELECT status FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).single();
    }
}
