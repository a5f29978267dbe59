package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Each member of the OpenAI-compatible family reached through its {@code *_BASE_URL} override: the path it receives,
 * the credential it is shown (none for local servers) and its own headers.
 */
class OpenAiFamilyTest extends GatewayTestSupport {

    private static String hello(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"alice\"}]}";
    }


    @Test
    void shouldCallOllamaWithoutAnyAuthorizationAndBillNothing() {
        var user = newUser();

        var response = postJson("/v1/chat/completions", hello("ollama/llama3.2"), "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = OLLAMA.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.header("Authorization")).isNull();
        assertThat(upstream.json().path("model").asString()).isEqualTo("llama3.2");
        var record = jdbc.sql("SELECT credential_kind, cost_nano_usd, provider_id FROM usage_records WHERE user_id = ?").param(user.id()).query().singleRow();
        assertThat(record.get("credential_kind")).isEqualTo("none");
        assertThat(record.get("provider_id")).isEqualTo("ollama");
        assertThat(((Number) record.get("cost_nano_usd")).longValue()).isZero();
    }

    @Test
    void shouldCallLmStudioWithoutAnyAuthorization() {
        var response = postJson("/v1/chat/completions", hello("lmstudio/qwen2.5-7b-instruct"), "Authorization", bearer(newUser()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LMSTUDIO.mock().lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(LMSTUDIO.mock().lastRequest().header("Authorization")).isNull();
        assertThat(LMSTUDIO.mock().lastRequest().json().path("model").asString()).isEqualTo("qwen2.5-7b-instruct");
    }

    @Test
    void shouldCallGroqUnderItsOpenAiPathWithoutTheMessageNameItRejects() {
        var response = postJson("/v1/chat/completions", hello("llama-3.1-8b-instant"), "Authorization", bearer(newUser()));

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = GROQ.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + GROQ_KEY);
        assertThat(upstream.json().path("messages").get(0).has("name")).isFalse();
        assertThat(upstream.json().path("messages").get(0).path("content").asString()).isEqualTo("Hi");
    }

    @Test
    void shouldCallOpenRouterWithItsAttributionHeaders() {
        var response = postJson("/v1/chat/completions", hello("meta-llama/llama-3.3-70b-instruct"), "Authorization", bearer(newUser()));

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = OPENROUTER.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/api/v1/chat/completions");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + OPENROUTER_KEY);
        assertThat(upstream.header("HTTP-Referer")).isEqualTo(OPENROUTER_REFERER);
        assertThat(upstream.header("X-Title")).isEqualTo("Switchboard");
        assertThat(upstream.json().path("model").asString()).isEqualTo("meta-llama/llama-3.3-70b-instruct");
        assertThat(upstream.json().path("messages").get(0).path("name").asString()).isEqualTo("alice");
    }

    @Test
    void shouldCallGitHubModelsUnderInferenceWithTheTokenAsBearer() {
        var response = postJson("/v1/chat/completions", hello("github/openai/gpt-4.1-mini"), "Authorization", bearer(newUser()));

        assertThat(response.statusCode()).isEqualTo(200);
        var upstream = GITHUB_MODELS.mock().lastRequest();
        assertThat(upstream.path()).isEqualTo("/inference/chat/completions");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN);
        assertThat(upstream.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(upstream.json().path("model").asString()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(OPENAI.mock().requests()).noneMatch(r -> r.body().contains("gpt-4.1-mini"));
    }

    @Test
    void shouldStreamFromAKeylessLocalServer() {
        var response = postJson("/v1/chat/completions", hello("ollama/qwen2.5").replace("}]}", "}],\"stream\":true}"),
                "Authorization", bearer(newUser()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello from the mock.".substring(0, 6)).endsWith("data: [DONE]\n\n");
        assertThat(OLLAMA.mock().lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }
}
