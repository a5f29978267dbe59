package dev.switchboard.gateway;

import static dev.switchboard.testing.MockUpstream.delay;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code x-switchboard-overhead-ms} on the answers of both dialects, whole and streamed, successes and failures: a
 * non-negative decimal below the time the test itself measured around the call (a plausibility bound, not a timing
 * assert), and blind to an upstream that takes 300 ms to answer.
 */
class OverheadHeaderTest extends GatewayTestSupport {

    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";
    private static final String MESSAGES = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

    @Test
    void shouldStateTheOverheadOfAnOpenAiAnswerWholeAndStreamed() {
        var user = newUser();

        for (var stream : new String[] {"", ",\"stream\":true"}) {
            var timed = timed(() -> postJson("/v1/chat/completions", CHAT.formatted(stream), "Authorization", bearer(user)));

            assertThat(timed.response.statusCode()).as(timed.response.body()).isEqualTo(200);
            assertThat(timed.overhead()).as(stream).isLessThan(timed.totalMillis());
        }
    }

    @Test
    void shouldStateTheOverheadOfAnAnthropicAnswerWholeAndStreamed() {
        var user = newUser();

        for (var stream : new String[] {"", ",\"stream\":true"}) {
            var timed = timed(() -> postJson("/v1/messages", MESSAGES.formatted(stream), "x-api-key", user.secret(), "anthropic-version", "2023-06-01"));

            assertThat(timed.response.statusCode()).as(timed.response.body()).isEqualTo(200);
            assertThat(timed.overhead()).as(stream).isLessThan(timed.totalMillis());
        }
    }

    @Test
    void shouldNotCountTheTimeAnUpstreamTakesToAnswer() {
        var user = newUser();

        for (var stream : new String[] {"", ",\"stream\":true"}) {
            OPENAI.mock().failNext(delay(300));
            ANTHROPIC.mock().failNext(delay(300));
            var chat = timed(() -> postJson("/v1/chat/completions", CHAT.formatted(stream), "Authorization", bearer(user)));
            var messages = timed(() -> postJson("/v1/messages", MESSAGES.formatted(stream), "x-api-key", user.secret(), "anthropic-version", "2023-06-01"));

            for (var timed : new Timed[] {chat, messages}) {
                assertThat(timed.response.statusCode()).isEqualTo(200);
                assertThat(timed.totalMillis()).isGreaterThanOrEqualTo(BigDecimal.valueOf(300));
                // the upstream's 300 ms are outside the overhead, whatever the machine's load: the client's total holds the
                // gateway's own time and the upstream's, so an overhead that counted the wait would come within 10 ms of it
                assertThat(timed.overhead()).as(stream).isLessThanOrEqualTo(timed.totalMillis().subtract(BigDecimal.valueOf(290)));
            }
        }
    }

    @Test
    void shouldStateTheOverheadOfAnErrorAnsweredAfterTheUpstreamFailed() {
        var user = newUser();
        OPENAI.willFail(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
        ANTHROPIC.willFail(529, "overloaded_error", "Overloaded");

        var chat = timed(() -> postJson("/v1/chat/completions", CHAT.formatted(""), "Authorization", bearer(user)));
        var messages = timed(() -> postJson("/v1/messages", MESSAGES.formatted(",\"stream\":true"), "x-api-key", user.secret(),
                "anthropic-version", "2023-06-01"));

        assertThat(chat.response.statusCode()).isEqualTo(502);
        assertThat(chat.overhead()).isLessThan(chat.totalMillis());
        assertThat(messages.response.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(messages.overhead()).isLessThan(messages.totalMillis());
    }

    @Test
    void shouldStateTheOverheadOnTheOtherEndpointsAndProvidersToo() {
        var user = newUser();
        var bodies = new String[][] {
                {"/v1/chat/completions", "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"},
                {"/v1/chat/completions", "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"},
                {"/v1/messages", "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"},
                {"/v1/responses", "{\"model\":\"llama-3.3-70b-versatile\",\"input\":\"hi\"}"},
                {"/v1/responses", "{\"model\":\"claude-sonnet-4-5\",\"input\":\"hi\",\"stream\":true}"},
                {"/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}"}};

        for (var call : bodies) {
            var timed = timed(() -> postJson(call[0], call[1], "Authorization", bearer(user)));

            assertThat(timed.response.statusCode()).as(call[1] + ": " + timed.response.body()).isEqualTo(200);
            assertThat(timed.overhead()).as(call[1]).isLessThan(timed.totalMillis());
        }
    }

    @Test
    void shouldWriteMillisecondsWithTwoDecimals() {
        assertThat(OverheadHeader.millis(420_000)).isEqualTo("0.42");
        assertThat(OverheadHeader.millis(1_234_567)).isEqualTo("1.23");
        assertThat(OverheadHeader.millis(20_004_999)).isEqualTo("20.00");
        assertThat(OverheadHeader.millis(50_000)).isEqualTo("0.05");
        assertThat(OverheadHeader.millis(-3)).isEqualTo("0.00");
    }

    private static Timed timed(Supplier<HttpResponse<String>> call) {
        var started = System.nanoTime();
        var response = call.get();
        return new Timed(response, System.nanoTime() - started);
    }

    private record Timed(HttpResponse<String> response, long nanos) {

        BigDecimal totalMillis() {
            return BigDecimal.valueOf(nanos).movePointLeft(6);
        }

        /** The header, which must be there and read as a non-negative decimal. */
        BigDecimal overhead() {
            var header = response.headers().firstValue(OverheadHeader.HEADER);
            assertThat(header).as("x-switchboard-overhead-ms on " + response.request().uri()).isPresent();
            assertThat(header.get()).matches("\\d+\\.\\d{2}");
            return new BigDecimal(header.get());
        }
    }
}
