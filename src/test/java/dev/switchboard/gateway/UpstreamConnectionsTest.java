package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.OpenAiResponsesMock;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * A stream that ended as its protocol ends ({@code [DONE]}, {@code message_stop}, {@code response.completed}) gives its
 * upstream connection back to the pool: sequential calls travel over one connection, as non-streamed ones do. A stream
 * the client leaves is still cut at once, and a complete answer whose body does not end is not waited for.
 */
class UpstreamConnectionsTest extends AnthropicTestSupport {

    private static final int CALLS = 4;

    @Test
    void shouldStreamSequentialOpenAiChatsOverOneUpstreamConnection() {
        var user = newUser();
        for (var i = 0; i < CALLS; i++) {
            assertThat(streamChat("gpt-4o-mini", user).getLast().data()).isEqualTo("[DONE]");
        }

        assertThat(OPENAI.mock().requests()).hasSize(CALLS);
        assertThat(OPENAI.mock().connections()).isEqualTo(1);
    }

    @Test
    void shouldStreamSequentialAnthropicMessagesOverOneUpstreamConnection() {
        var user = newUser();
        for (var i = 0; i < CALLS; i++) {
            assertThat(streamMessages(streamed(SDK_HELLO), user).getLast().name()).isEqualTo("message_stop");
        }

        assertThat(ANTHROPIC.mock().requests()).hasSize(CALLS);
        assertThat(ANTHROPIC.mock().connections()).isEqualTo(1);
    }

    @Test
    void shouldStreamSequentialChatsTranslatedToAnthropicOverOneUpstreamConnection() {
        var user = newUser();
        for (var i = 0; i < CALLS; i++) {
            assertThat(streamChat("claude-sonnet-4-5", user).getLast().data()).isEqualTo("[DONE]");
        }

        assertThat(ANTHROPIC.mock().connections()).isEqualTo(1);
    }

    @Test
    void shouldStreamSequentialNativeResponsesOverOneUpstreamConnection() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", OpenAiResponsesMock.text("Hello from the mock."))) {
            for (var i = 0; i < CALLS; i++) {
                var events = streamEvents("/v1/responses", """
                        {"model":"gpt-4o-mini","stream":true,"input":"Hello"}""", "Authorization", bearer(user));
                assertThat(events.getLast().name()).isEqualTo("response.completed");
            }
        }

        assertThat(OPENAI.mock().connections()).isEqualTo(1);
    }

    @Test
    void shouldDropTheConnectionOfACompleteAnswerWhoseBodyDoesNotEnd() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var out = reply.startSse();
            out.write(("data: " + chunk("\"stop\"") + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            MockUpstream.Reply.sleep(3_000); // a body that goes on after the protocol's end
        })) {
            for (var i = 0; i < 2; i++) {
                assertThat(streamChat("gpt-4o-mini", user).getLast().data()).isEqualTo("[DONE]");
            }
        }

        assertThat(OPENAI.mock().connections()).as("each connection dropped, not waited for").isEqualTo(2);
    }

    @Test
    void shouldCloseTheAnthropicConnectionWhenTheClientLeavesMidStream() throws Exception {
        var user = newUser();
        try (var endless = ANTHROPIC.mock().override("POST", "/v1/messages", (request, reply) -> {
            var out = reply.startSse();
            out.write(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"));
            for (var i = 0; i < 500; i++) {
                out.write(event("ping", "{\"type\":\"ping\"}"));
                out.flush();
                MockUpstream.Reply.sleep(20);
            }
        })) {
            var request = HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                    .header("Content-Type", "application/json").headers(headers(user))
                    .POST(HttpRequest.BodyPublishers.ofString(streamed(SDK_HELLO))).build();
            var body = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            assertThat(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).readLine()).startsWith("event: ");
            body.close();

            var deadline = System.nanoTime() + 8_000_000_000L;
            while (ANTHROPIC.mock().closedByClient() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        assertThat(ANTHROPIC.mock().closedByClient()).isEqualTo(1);
    }

    private List<SseEvents.Event> streamChat(String model, TestUser user) {
        return streamEvents("/v1/chat/completions", """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello"}]}""".formatted(model),
                "Authorization", bearer(user));
    }

    private static String streamed(String body) {
        return body.substring(0, body.length() - 1) + ",\"stream\":true}";
    }

    private static String chunk(String finish) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"done\"},\"finish_reason\":" + finish + "}]}";
    }

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
