package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** POST /v1/embeddings: pass-through to the OpenAI family, translation to Gemini, billing per input token. */
class EmbeddingsTest extends GatewayTestSupport {

    @Test
    void shouldPassEmbeddingsThroughToOpenAiAndBillTheInputTokens() {
        var user = newUser();
        OPENAI.willCountEmbeddingTokens(1_234);

        var response = postJson("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["one","two"],"dimensions":3}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(1).path("embedding")).hasSize(3);
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(1_234);
        var upstream = OPENAI.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1/embeddings");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(upstream.json().path("dimensions").asInt()).isEqualTo(3);
        var record = record(user);
        assertThat(record.get("endpoint")).isEqualTo("embeddings");
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(((Number) record.get("input_tokens")).longValue()).isEqualTo(1_234);
        assertThat(((Number) record.get("output_tokens")).longValue()).isZero();
        // 1 234 × $0.02/1M = $0.00002468 = 24 680 nano-USD
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isEqualTo(24_680);
    }

    @Test
    void shouldAcceptTokenArraysAndBase64ForTheOpenAiFamily() {
        var user = newUser();
        OPENAI.willCountEmbeddingTokens(3);

        var response = postJson("/v1/embeddings", """
                {"model":"text-embedding-3-large","input":[[1,2,3]],"encoding_format":"base64"}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").get(0).path("embedding").isString()).isTrue();
        // 3 × $0.13/1M = 390 nano-USD
        assertThat(((Number) record(user).get("cost_nano_usd")).longValue()).isEqualTo(390);
    }

    @Test
    void shouldTranslateEmbeddingsToGeminiBatchEmbedContents() {
        var user = newUser();

        var response = postJson("/v1/embeddings", """
                {"model":"gemini-embedding-001","input":["hello world!","abc"],"dimensions":2}""", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = GOOGLE.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(upstream.header("x-goog-api-key")).isEqualTo(GOOGLE_KEY);
        var requests = upstream.json().path("requests");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("model").asString()).isEqualTo("models/gemini-embedding-001");
        assertThat(requests.get(0).path("content").path("parts").get(0).path("text").asString()).isEqualTo("hello world!");
        assertThat(requests.get(1).path("outputDimensionality").asInt()).isEqualTo(2);
        var body = json(response);
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("data").get(1).path("object").asString()).isEqualTo("embedding");
        assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("data").get(0).path("embedding").get(1).asDouble()).isEqualTo(0.5);
        // Gemini reports no tokens: estimated at one per 4 UTF-8 bytes, per input: 12 → 3, 3 → 1
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(4);
        // 4 × $0.15/1M = 600 nano-USD
        assertThat(((Number) record(user).get("cost_nano_usd")).longValue()).isEqualTo(600);
        assertThat(record(user).get("provider_id")).isEqualTo("google");
    }

    @Test
    void shouldRefuseChatModelsForEmbeddingsAndEmbeddingModelsForChat() {
        var user = newUser();

        var embeddings = postJson("/v1/embeddings", "{\"model\":\"gpt-4o-mini\",\"input\":\"x\"}", "Authorization", bearer(user));
        var chat = postJson("/v1/chat/completions", """
                {"model":"text-embedding-3-small","messages":[{"role":"user","content":"x"}]}""", "Authorization", bearer(user));

        assertThat(embeddings.statusCode()).isEqualTo(400);
        assertThat(json(embeddings).path("error").path("message").asString()).contains("'gpt-4o-mini'").contains("/v1/embeddings");
        assertThat(json(embeddings).path("error").path("param").asString()).isEqualTo("model");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(json(chat).path("error").path("message").asString()).contains("'text-embedding-3-small'").contains("embedding model");
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseInvalidInputInOpenAisDialect() {
        var user = newUser();

        var missing = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\"}", "Authorization", bearer(user));
        var wrong = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[1,\"a\"]}", "Authorization", bearer(user));
        var unauthenticated = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").path("code").asString()).isEqualTo("missing_required_parameter");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).path("error").path("param").asString()).isEqualTo("input");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(json(unauthenticated).path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void shouldMapARefusedKeyAndRecordTheFailedCall() {
        var user = newUser();
        OPENAI.willFail(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

        var response = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("provider_credential_refused");
        var record = record(user);
        assertThat(record.get("status")).isEqualTo("error");
        assertThat(record.get("endpoint")).isEqualTo("embeddings");
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isZero();
    }

    private Map<String, Object> record(TestUser user) {
        return jdbc.sql("SELECT * FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
    }
}
