package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Streams are relayed as they arrive: the upstream holds back the rest of its answer until the client has seen the
 * first token, which only works if the gateway forwards (flushes) that token without waiting for more.
 */
class StreamDeliveryTest extends GatewayTestSupport {

    private static final String FIRST = chunk("{\"role\":\"assistant\",\"content\":\"first\"}", "null");
    private static final String REST = chunk("{\"content\":\" rest\"}", "null") + chunk("{}", "\"stop\"")
            + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\ndata: [DONE]\n\n";

    @Test
    void shouldDeliverEachTokenBeforeTheUpstreamSendsTheNext() throws Exception {
        var clientSawFirst = new CountDownLatch(1);
        var upstreamWaitedInVain = new AtomicBoolean();
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var out = reply.startSse();
            out.write(FIRST.getBytes(StandardCharsets.UTF_8));
            out.flush();
            upstreamWaitedInVain.set(!awaitQuietly(clientSawFirst));
            out.write(REST.getBytes(StandardCharsets.UTF_8));
            out.flush();
        })) {
            var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                    .header("Content-Type", "application/json").header("Authorization", bearer(newUser()))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""")).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            var text = new StringBuilder();
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains("\"first\"")) {
                        clientSawFirst.countDown();
                    }
                    text.append(line).append('\n');
                }
            }

            assertThat(upstreamWaitedInVain).isFalse();
            assertThat(text).contains("\"first\"", "\" rest\"", "data: [DONE]");
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":null}\n\n";
    }
}
