package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The inference API is measured by the usage log's metrics and, for the answers given without a provider, by
 * {@code switchboard_inference_answers_total{status}}; Spring's {@code http_server_requests} observes every other path.
 */
class HttpMetricsTest extends GatewayTestSupport {

    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void shouldCountInferenceAnswersByStatusRefusalsIncluded() {
        var user = newUser();
        var servedBefore = answers(metrics(), "200");
        var refusedBefore = answers(metrics(), "401");

        assertThat(postJson("/v1/chat/completions", CHAT, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        assertThat(postJson("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-sb-not-a-key").statusCode()).isEqualTo(401);
        assertThat(postJson("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-sb-not-a-key").statusCode()).isEqualTo(401);

        var scrape = metrics();
        assertThat(answers(scrape, "200")).isEqualTo(servedBefore + 1);
        assertThat(answers(scrape, "401")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void shouldObserveTheOtherPathsButNotTheInferenceApi() {
        var user = newUser();
        postJson("/v1/chat/completions", CHAT, "Authorization", bearer(user));
        assertThat(get("/api/users/me", "Authorization", bearer(user)).statusCode()).isEqualTo(200);

        var scrape = metrics();
        assertThat(scrape).contains("http_server_requests_seconds_count{").containsPattern("uri=\"/api/users/me\"");
        assertThat(scrape).doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/");
    }

    private static double answers(String scrape, String status) {
        var line = Pattern.compile("^switchboard_inference_answers_total\\{status=\"" + status + "\"} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
