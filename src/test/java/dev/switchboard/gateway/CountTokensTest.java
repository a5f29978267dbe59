package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages/count_tokens}: counted by Anthropic for its models, estimated here for the others. */
class CountTokensTest extends GatewayTestSupport {

    private static final String REQUEST = """
            {"model":"%s","system":"Be brief.","messages":[{"role":"user","content":"What is the weather in Paris?"}]}""";

    @Test
    void shouldAskAnthropicToCountForItsModelsAndRecordTheCallAtZeroCost() {
        var user = newUser();

        var response = postJson("/v1/messages/count_tokens", REQUEST.formatted("claude-sonnet-4-5"), "x-api-key", user.secret(),
                "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("input_tokens").asLong()).isEqualTo(42);
        var upstream = ANTHROPIC.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(upstream.header("x-api-key")).isEqualTo(AnthropicUpstream.KEY);
        assertThat(upstream.json().path("model").asString()).isEqualTo("claude-sonnet-4-5");
        var record = jdbc.sql("SELECT endpoint, cost_nano_usd, status FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
        assertThat(record.get("endpoint")).isEqualTo("messages.count_tokens");
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isZero();
    }

    @Test
    void shouldEstimateForOtherProvidersWithoutAnUpstreamCall() {
        var user = newUser();

        var response = postJson("/v1/messages/count_tokens", REQUEST.formatted("gpt-4o-mini"), "x-api-key", user.secret(),
                "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        // "Be brief." (9 bytes) + "user" (4) + the question (29) = 42 bytes → 11 tokens
        assertThat(json(response).path("input_tokens").asLong()).isEqualTo(11);
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseInAnthropicsDialect() {
        var user = newUser();

        var noMessages = postJson("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet-4-5\"}", "x-api-key", user.secret());
        var unknown = postJson("/v1/messages/count_tokens", REQUEST.formatted("no-such-model"), "x-api-key", user.secret());

        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(json(noMessages).path("type").asString()).isEqualTo("error");
        assertThat(json(noMessages).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("type").asString()).isEqualTo("not_found_error");
    }
}
