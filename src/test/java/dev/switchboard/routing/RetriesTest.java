package dev.switchboard.routing;

import static dev.switchboard.testing.MockUpstream.delay;
import static dev.switchboard.testing.MockUpstream.rateLimited;
import static dev.switchboard.testing.MockUpstream.connectionReset;
import static dev.switchboard.testing.MockUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against the mock upstreams: each transient fault (500/502/503, 429 with and without retry-after, a reset
 * connection, 408, a slow first byte) is retried after a full-jitter backoff, up to the model's count; a 4xx is not;
 * every attempt that reached the provider has its own record under the one request id.
 */
class RetriesTest extends RoutingTestSupport {

    @BeforeEach
    void clearWaits() {
        SLEPT.clear();
    }

    @Test
    void shouldRetryEachServerErrorWithBackoffAndRecordEveryAttemptUnderOneRequestId() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":3");
        OPENAI.mock().failNext(status(500), status(502), status(503));

        var response = chat(user, model, "", "x-request-id", "req-retry-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("4");
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(model);
        assertThat(records(user)).extracting(r -> r.get("http_status")).containsExactly(502, 502, 502, 200);
        assertThat(records(user)).extracting(r -> r.get("request_id")).containsOnly("req-retry-1");
        // full jitter: the n-th wait is somewhere in [0, 200 ms × 2^(n-1)]
        assertThat(SLEPT).hasSize(3);
        assertThat(SLEPT.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(SLEPT.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        assertThat(SLEPT.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(800));
        var metrics = metrics();
        assertThat(metrics).contains("switchboard_routing_retries_total{model=\"" + model + "\",reason=\"transient\"} 3.0");
        assertThat(metrics).doesNotContain("switchboard_routing_fallbacks_total{model=\"" + model + "\"");
        assertThat(metrics).doesNotContain(user.id()).doesNotContain(user.secret());
    }

    @Test
    void shouldGiveUpAfterTheModelsRetriesAndAnswerTheLastFailure() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":1");
        OPENAI.mock().failNext(status(503), status(503), status(503));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("upstream_error");
        assertThat(records(user)).hasSize(2);
        assertThat(OPENAI.mock().requests()).hasSize(2);
    }

    @Test
    void shouldWaitTheRetryAfterThatTheProviderAsked() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":2");
        OPENAI.mock().failNext(rateLimited("3"));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SLEPT).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void shouldRetryARateLimitWithoutRetryAfterAfterABackoff() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":2");
        OPENAI.mock().failNext(rateLimited(null));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records(user)).extracting(r -> r.get("http_status")).containsExactly(429, 200);
        assertThat(SLEPT).hasSize(1);
        assertThat(SLEPT.getFirst()).isLessThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldNotWaitARetryAfterBeyondTheCapButFallBackAtOnce() {
        var user = newUser();
        var fallback = model("retry-fb", "anthropic", "claude-haiku-4-5", "");
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":2,\"fallbacks\":[\"" + fallback + "\"]");
        OPENAI.mock().failNext(rateLimited("3600"));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(fallback);
        assertThat(SLEPT).isEmpty();
        assertThat(OPENAI.mock().requests()).hasSize(1);
    }

    @Test
    void shouldRetryAResetConnectionAndARequestTimeout() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":2");
        OPENAI.mock().failNext(connectionReset(), status(408, "{\"error\":{\"message\":\"request timeout\"}}"));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records(user)).extracting(r -> r.get("status")).containsExactly("error", "error", "ok");
    }

    @Test
    void shouldNotRetryAClientErrorOtherThan408Or409Or429() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":2");
        OPENAI.mock().failNext(status(422, "{\"error\":{\"message\":\"bad tool schema\"}}"));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(OPENAI.mock().requests()).hasSize(1);
        assertThat(SLEPT).isEmpty();
    }

    @Test
    void shouldRetryASlowFirstByteWithinTheModelsFirstByteTimeout() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":1,\"first_byte_timeout_ms\":300");
        OPENAI.mock().failNext(delay(1500));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records(user)).extracting(r -> r.get("http_status")).containsExactly(504, 200);
    }

    @Test
    void shouldNotRetryPastTheDeadline() {
        var user = newUser();
        var model = model("retry", "openai", "gpt-4o", "\"max_retries\":5,\"deadline_ms\":1");
        OPENAI.mock().failNext(status(503), status(503));

        var response = chat(user, model, "");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(OPENAI.mock().requests()).hasSizeLessThanOrEqualTo(1);
    }
}
