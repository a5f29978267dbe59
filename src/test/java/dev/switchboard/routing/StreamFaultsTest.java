package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * Faults after the first byte reached the client: a stream that stalls past the model's idle timeout or is cut after a
 * few chunks ends with an error event in the dialect and a {@code partial} record, never retried; a client that leaves
 * mid-stream closes the upstream connection at once (the mock sees its writes fail) and the call is recorded as cancelled.
 */
class StreamFaultsTest extends RoutingTestSupport {

    @Test
    void shouldEndAStalledStreamWithAnErrorEventAndAPartialRecordWithoutRetrying() throws Exception {
        var user = newUser();
        var model = model("stall", "openai", "gpt-4o", "\"max_retries\":2,\"stream_idle_timeout_ms\":300");
        OPENAI.willStallStreamAfter("This answer stalls midway through", 2, 2500);

        var events = stream(user, model);

        assertThat(events.getLast().json().path("error").path("code").asString()).isEqualTo("upstream_timeout");
        assertThat(records(user)).extracting(r -> r.get("status") + " " + r.get("http_status")).containsExactly("partial 504");
        assertThat(OPENAI.mock().requests()).hasSize(1);
    }

    @Test
    void shouldEndAStreamCutAfterAFewChunksWithAnErrorEventWithoutRetrying() throws Exception {
        var user = newUser();
        var model = model("cut", "openai", "gpt-4o", "\"max_retries\":2");
        OPENAI.willBreakStreamAfter("This answer breaks off", 3);

        var events = stream(user, model);

        assertThat(events.getLast().json().path("error").path("code").asString()).isEqualTo("upstream_unreachable");
        assertThat(records(user)).extracting(r -> r.get("status")).containsExactly("partial");
        assertThat(OPENAI.mock().requests()).hasSize(1);
    }

    @Test
    void shouldCountAStreamCutAfterItsFirstByteAsAFailureOfItsDeployment() throws Exception {
        var user = newUser();
        var model = model("cut-cool", "openai", "gpt-4o", "");
        OPENAI.willBreakStreamAfter("This answer breaks off", 3);

        for (var i = 0; i < 3; i++) { // SWITCHBOARD_ROUTING_COOLDOWN_FAILURES
            assertThat(stream(user, model).getLast().json().path("error").path("code").asString()).isEqualTo("upstream_unreachable");
        }

        var deployment = adminModel(model).path("deployments").get(0);
        assertThat(deployment.path("cooling_down").asBoolean()).isTrue();
        assertThat(deployment.path("latency_ms").isNumber()).as("a broken answer teaches no latency").isFalse();
        assertThat(metrics())
                .contains("switchboard_deployment_cooldowns_total{deployment=\"openai/gpt-4o\",model=\"" + model + "\"} 1.0");
        assertThat(OPENAI.mock().requests()).hasSize(3);
    }

    @Test
    void shouldCloseTheUpstreamConnectionWhenTheClientLeavesMidStream() throws Exception {
        var user = newUser();
        var model = model("leave", "openai", "gpt-4o", "");
        try (var endless = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var out = reply.startSse();
            for (var i = 0; i < 500; i++) {
                out.write(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick \"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                MockUpstream.Reply.sleep(20);
            }
        })) {
            var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                    .header("Content-Type", "application/json").header("Authorization", bearer(user))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello"}]}""".formatted(model))).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            var body = response.body();
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("data: ");
            body.close();

            var deadline = System.nanoTime() + 8_000_000_000L;
            while (OPENAI.mock().closedByClient() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        assertThat(OPENAI.mock().closedByClient()).isEqualTo(1);
        var recorded = System.nanoTime() + 8_000_000_000L; // the record follows the upstream's close, on the gateway's thread
        while (records(user).isEmpty() && System.nanoTime() < recorded) {
            Thread.sleep(50);
        }
        assertThat(records(user)).extracting(r -> r.get("status")).containsExactly("cancelled");
    }

    private List<SseEvents.Event> stream(TestUser user, String model) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello"}]}""".formatted(model))).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(model);
        return SseEvents.parse(response.body());
    }
}
