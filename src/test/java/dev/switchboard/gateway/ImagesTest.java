package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** POST /v1/images/generations: pass-through to OpenAI, billed per image by model, size and quality. */
class ImagesTest extends GatewayTestSupport {

    @Test
    void shouldBillDallE3PerImageBySizeAndQuality() {
        var user = newUser();

        var response = postJson("/v1/images/generations", """
                {"model":"dall-e-3","prompt":"a lighthouse","n":2,"size":"1024x1792","quality":"hd"}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(0).path("url").asString()).startsWith("https://");
        var upstream = OPENAI.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1/images/generations");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(upstream.json().path("quality").asString()).isEqualTo("hd");
        var record = record(user);
        assertThat(record.get("endpoint")).isEqualTo("images.generations");
        assertThat(record.get("model")).isEqualTo("dall-e-3");
        // 2 × $0.12 = $0.24
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(240_000_000);
    }

    @Test
    void shouldApplyOpenAisDefaultsForSizeQualityAndModel() {
        var user = newUser();

        var response = postJson("/v1/images/generations", "{\"prompt\":\"a cat\"}", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var record = record(user);
        assertThat(record.get("model")).isEqualTo("dall-e-2");
        // dall-e-2, 1024x1024: $0.02
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(20_000_000);
    }

    @Test
    void shouldRecordGptImageTokensButBillByThePriceTable() {
        var user = newUser();

        var response = postJson("/v1/images/generations", """
                {"model":"gpt-image-1","prompt":"a fox","size":"1536x1024","quality":"medium","output_format":"png"}""",
                "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").get(0).path("b64_json").asString()).isNotEmpty();
        var record = record(user);
        assertThat(((Number) record.get("input_tokens")).longValue()).isEqualTo(50);
        assertThat(((Number) record.get("output_tokens")).longValue()).isEqualTo(4160);
        // medium 1536x1024: $0.063, not 50 × $5/1M + 4160 × $40/1M
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(63_000_000);
    }

    @Test
    void shouldRefuseAnUnpricedSizeOrQualityBeforeAnyUpstreamCall() {
        var user = newUser();

        var size = postJson("/v1/images/generations", """
                {"model":"dall-e-3","prompt":"x","size":"512x512"}""", "Authorization", bearer(user));
        var quality = postJson("/v1/images/generations", """
                {"model":"dall-e-2","prompt":"x","size":"256x256","quality":"hd"}""", "Authorization", bearer(user));

        assertThat(size.statusCode()).isEqualTo(400);
        assertThat(json(size).path("error").path("param").asString()).isEqualTo("size");
        assertThat(json(size).path("error").path("message").asString()).contains("'512x512'").contains("1024x1024/standard");
        assertThat(quality.statusCode()).isEqualTo(400);
        assertThat(json(quality).path("error").path("param").asString()).isEqualTo("quality");
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseNonImageModelsAndMissingPrompts() {
        var user = newUser();

        var chatModel = postJson("/v1/images/generations", "{\"model\":\"gpt-4o\",\"prompt\":\"x\"}", "Authorization", bearer(user));
        var noPrompt = postJson("/v1/images/generations", "{\"model\":\"dall-e-3\"}", "Authorization", bearer(user));
        var imageForChat = postJson("/v1/chat/completions", """
                {"model":"dall-e-3","messages":[{"role":"user","content":"x"}]}""", "Authorization", bearer(user));

        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(json(chatModel).path("error").path("message").asString()).contains("'gpt-4o'").contains("chat model");
        assertThat(noPrompt.statusCode()).isEqualTo(400);
        assertThat(json(noPrompt).path("error").path("param").asString()).isEqualTo("prompt");
        assertThat(imageForChat.statusCode()).isEqualTo(400);
        assertThat(json(imageForChat).path("error").path("message").asString()).contains("image model");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseAStreamFlagThatIsNotABooleanBeforeAnyUpstreamCall() {
        var user = newUser();

        var response = postJson("/v1/images/generations", "{\"model\":\"dall-e-3\",\"prompt\":\"x\",\"stream\":\"no\"}",
                "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("param").asString()).isEqualTo("stream");
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("invalid_type");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldMapUpstreamRateLimitsAndRecordTheFailedCall() {
        var user = newUser();
        OPENAI.willFail(429, "{\"error\":{\"message\":\"Rate limit reached for images\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        var response = postJson("/v1/images/generations", "{\"model\":\"dall-e-3\",\"prompt\":\"x\"}", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).path("error").path("message").asString()).contains("Rate limit reached for images");
        var record = record(user);
        assertThat(record.get("status")).isEqualTo("error");
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isZero();
    }

    private Map<String, Object> record(TestUser user) {
        return jdbc.sql("SELECT * FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
    }
}
