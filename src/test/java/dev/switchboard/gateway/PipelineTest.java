package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.gateway.CallRequest.Billing;
import dev.switchboard.provider.Usage;
import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seam every inference call goes through, with two candidates for {@value #PRIMARY} (Groq first, then its
 * catalog fallback {@value #FALLBACK} on OpenAI), so that the attempt loop is exercised: a retriable failure before the
 * first byte moves on and leaves a record per attempt; a failure after it, a non-retriable one, a client that leaves and
 * a failure of our own each end the call where they happen, recorded.
 */
class PipelineTest extends GatewayTestSupport {

    static final String PRIMARY = "pipeline-llama";
    static final String FALLBACK = "gpt-4.1-mini";
    private static final String NAMED_HELLO = """
            {"model":"%s","messages":[{"role":"user","name":"ada","content":"Hello"}]%s}""";

    @Autowired
    private Inference inference;

    /** {@value #PRIMARY}: Groq's Llama, falling back to {@value #FALLBACK} (the catalog's fallbacks), retried never (the tests' default). */
    @BeforeEach
    void primaryWithAFallback() {
        if (catalog.model(PRIMARY).isPresent()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, active, created_at)
                VALUES ('m-pipeline-llama', ?, 'groq', 'llama-3.3-70b-versatile', 'Llama via the pipeline test', 'chat', 590000000, 790000000, TRUE, 0)""")
                .param(PRIMARY).update();
        jdbc.sql("INSERT INTO model_fallbacks (model_id, position, fallback) VALUES ('m-pipeline-llama', 0, ?)").param(FALLBACK).update();
        catalog.reload();
    }

    @Test
    void shouldServeARetriableFailureBeforeTheFirstByteFromTheNextCandidateAndRecordBoth() {
        var user = newUser();
        GROQ.willFail(503, "{\"error\":{\"message\":\"over capacity\",\"type\":\"server_error\"}}");

        var response = postJson("/v1/chat/completions", NAMED_HELLO.formatted(PRIMARY, ""), "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("model").asString()).isEqualTo(FALLBACK);
        assertThat(records(user)).containsExactly(
                Map.of("model", PRIMARY, "status", "error", "http_status", 502),
                Map.of("model", FALLBACK, "status", "ok", "http_status", 200));
        // Groq refuses messages[].name, so its adapter dropped it: the fallback still received the original request
        assertThat(GROQ.mock().lastRequest().json().path("messages").get(0).has("name")).isFalse();
        assertThat(OPENAI.mock().lastRequest().json().path("messages").get(0).path("name").asString()).isEqualTo("ada");
        assertThat(OPENAI.mock().lastRequest().json().path("model").asString()).isEqualTo(FALLBACK);
    }

    @Test
    void shouldStreamFromTheNextCandidateWhenTheFirstFailsBeforeItsFirstByte() throws Exception {
        var user = newUser();
        GROQ.willFail(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");

        var events = stream(user, NAMED_HELLO.formatted(PRIMARY, ",\"stream\":true"));

        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        assertThat(events.getFirst().json().path("model").asString()).isEqualTo(FALLBACK);
        assertThat(records(user)).containsExactly(
                Map.of("model", PRIMARY, "status", "error", "http_status", 429),
                Map.of("model", FALLBACK, "status", "ok", "http_status", 200));
    }

    @Test
    void shouldNotRetryAFailureAfterTheFirstByteReachedTheClient() throws Exception {
        var user = newUser();
        GROQ.willBreakStreamAfter("This answer breaks off", 2);

        var events = stream(user, NAMED_HELLO.formatted(PRIMARY, ",\"stream\":true"));

        assertThat(events.getLast().json().path("error").path("code").asString()).isEqualTo("upstream_unreachable");
        assertThat(records(user)).containsExactly(Map.of("model", PRIMARY, "status", "partial", "http_status", 502));
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldNotRetryAFailureThatTheNextCandidateWouldRepeat() {
        var user = newUser();
        GROQ.willFail(400, "{\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\"}}");

        var response = postJson("/v1/chat/completions", NAMED_HELLO.formatted(PRIMARY, ""), "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("upstream_rejected");
        assertThat(records(user)).containsExactly(Map.of("model", PRIMARY, "status", "error", "http_status", 400));
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldAnswerTheLastFailureWhenEveryCandidateFailed() {
        var user = newUser();
        GROQ.willFail(503, "{\"error\":{\"message\":\"over capacity\"}}");
        OPENAI.willFail(500, "{\"error\":{\"message\":\"boom\"}}");

        var response = postJson("/v1/chat/completions", NAMED_HELLO.formatted(PRIMARY, ""), "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").path("message").asString()).contains("boom");
        assertThat(records(user)).extracting(r -> r.get("status")).containsExactly("error", "error");
    }

    @Test
    void shouldRecordAClientThatLeavesAsCancelled() {
        var user = newUser();
        var sink = new ScriptedSink(2, new ClientGone(new IOException("broken pipe")));

        inference.execute(request(user), sink);

        assertThat(records(user)).containsExactly(Map.of("model", PRIMARY, "status", "cancelled", "http_status", 499));
        assertThat(sink.failed).isNull();
        assertThat(sink.done).isFalse();
    }

    @Test
    void shouldRecordAFailureOfOurOwnMidStreamAndEndTheStreamWithAnError() {
        var user = newUser();
        var sink = new ScriptedSink(2, new IllegalStateException("a bug of ours"));

        inference.execute(request(user), sink);

        assertThat(records(user)).containsExactly(Map.of("model", PRIMARY, "status", "partial", "http_status", 500));
        assertThat(sink.failed.reason()).isEqualTo("internal_error");
        assertThat(sink.failed.message()).doesNotContain("bug");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRecordTheCallWhateverWasThrownEvenAnError() {
        var user = newUser();
        var sink = new ScriptedSink(1, new OutOfMemoryError("simulated"));

        assertThatThrownBy(() -> inference.execute(request(user), sink)).isInstanceOf(OutOfMemoryError.class);

        assertThat(records(user)).containsExactly(Map.of("model", PRIMARY, "status", "error", "http_status", 500));
    }

    @Test
    void shouldKeepTheRequestUnchangedForEveryAttempt() {
        var user = newUser();
        var request = request(user);
        GROQ.willFail(503, "{\"error\":{\"message\":\"over capacity\"}}");

        inference.execute(request, new ScriptedSink(Integer.MAX_VALUE, null));

        assertThat(request.body().path("model").asString()).isEqualTo(PRIMARY);
        assertThat(request.body().path("messages").get(0).path("name").asString()).isEqualTo("ada");
        assertThat(request.body().has("stream_options")).isFalse();
        var copy = request.body();
        copy.put("model", "changed");
        assertThat(request.body().path("model").asString()).isEqualTo(PRIMARY);
    }

    private CallRequest request(TestUser user) {
        var body = (ObjectNode) MockUpstream.JSON.readTree(NAMED_HELLO.formatted(PRIMARY, ",\"stream\":true"));
        return new CallRequest(new Caller(user.id(), user.email(), Role.USER, user.keyId()), Endpoint.CHAT_COMPLETIONS, PRIMARY, true,
                null, body, "req_pipeline_test", null, Billing.TOKENS, System.nanoTime());
    }

    private List<SseEvents.Event> stream(TestUser user, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return SseEvents.parse(response.body());
    }

    private List<Map<String, Object>> records(TestUser user) {
        return jdbc.sql("SELECT model, status, http_status FROM usage_records WHERE user_id = ? ORDER BY created_at, rowid")
                .param(user.id()).query().listOfRows().stream()
                .map(row -> Map.<String, Object>of("model", row.get("model"), "status", row.get("status"),
                        "http_status", ((Number) row.get("http_status")).intValue()))
                .toList();
    }

    /** A stream sink that throws {@code failure} at chunk number {@code failAt} (1-based), and notes how the call ended. */
    private static final class ScriptedSink implements ChatStreamSink {
        private final int failAt;
        private final Throwable failure;
        private final List<String> chunks = new ArrayList<>();
        private CallFailure failed;
        private boolean done;

        ScriptedSink(int failAt, Throwable failure) {
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public void onChunk(String chunkJson) {
            if (chunks.size() + 1 == failAt) {
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) failure;
            }
            chunks.add(chunkJson);
        }

        @Override
        public void onUsage(Usage usage) {
        }

        @Override
        public void onUsageChunk(String chunkJson) {
        }

        @Override
        public void onPause() {
        }

        @Override
        public boolean started() {
            return !chunks.isEmpty();
        }

        @Override
        public void failMidway(CallFailure failure) {
            this.failed = failure;
        }

        @Override
        public void done() {
            done = true;
        }
    }
}
