package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.OpenAiResponsesMock;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A provider of the OpenAI family named in {@code switchboard.upstream.responses.native-providers} is passed through too. */
@TestPropertySource(properties = "switchboard.upstream.responses.native-providers=openai,groq")
class ResponsesNativeProvidersTest extends ResponsesTestSupport {

    @Test
    void shouldPassAResponsesCallThroughToAProviderNamedNative() throws Exception {
        var user = newUser();
        try (var ignored = GROQ.mock().override("POST", "/openai/v1/responses", OpenAiResponsesMock.text("Hello from Groq."))) {

            var response = postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Hi\"}", user);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("output").get(0).path("content").get(0).path("text").asString()).isEqualTo("Hello from Groq.");
            assertThat(GROQ.mock().lastRequest().path()).isEqualTo("/openai/v1/responses");
            assertThat(GROQ.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + GROQ_KEY);
            assertThat(number(onlyRecordOf(user), "cost_nano_usd")).isEqualTo(1_400);
        }
    }

    @Test
    void shouldStillTranslateForProvidersNotNamed() {
        var user = newUser();

        var response = postResponses("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}".replace("gpt-4o-mini", "claude-sonnet-4-5"), user);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ANTHROPIC.mock().lastRequest().path()).isEqualTo("/v1/messages");
    }
}
