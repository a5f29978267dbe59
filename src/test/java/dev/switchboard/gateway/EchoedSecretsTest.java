package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.GeminiUpstream;
import org.junit.jupiter.api.Test;

/** A provider's error message is passed on to the caller, but never the credential it was sent, should it echo it. */
class EchoedSecretsTest extends GatewayTestSupport {

    @Test
    void shouldClearTheKeyFromAnUpstreamMessageThatEchoesIt() {
        var user = newUser();
        OPENAI.willFail(500, "{\"error\":{\"message\":\"Backend failed for key " + OPENAI_KEY + " (Bearer " + OPENAI_KEY + ")\",\"type\":\"server_error\"}}");
        GOOGLE.willFail(429, GeminiUpstream.statusError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for key " + GOOGLE_KEY));

        var openAi = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "Authorization", bearer(user));
        var gemini = postJson("/v1/chat/completions", "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "Authorization", bearer(user));

        assertThat(openAi.statusCode()).isEqualTo(502);
        assertThat(openAi.body()).contains("Backend failed for key ****").doesNotContain(OPENAI_KEY);
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(gemini.body()).contains("Quota exceeded for key ****").doesNotContain(GOOGLE_KEY);
    }

    @Test
    void shouldClearTheKeyInAlteredFormsAndInStreamedErrors() {
        var user = newUser();
        var base64 = java.util.Base64.getEncoder().encodeToString(("user:" + OPENAI_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OPENAI.willFail(500, "{\"error\":{\"message\":\"Key " + OPENAI_KEY.toUpperCase(java.util.Locale.ROOT) + " / "
                + java.net.URLEncoder.encode(OPENAI_KEY, java.nio.charset.StandardCharsets.UTF_8) + " / " + base64 + " / "
                + OPENAI_KEY.substring(0, 12) + "...\",\"type\":\"server_error\"}}");

        var openAi = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "Authorization", bearer(user));

        assertThat(openAi.statusCode()).isEqualTo(502);
        assertThat(openAi.body()).contains("Key ****").doesNotContain(OPENAI_KEY.substring(0, 12)).doesNotContain(OPENAI_KEY.toUpperCase(java.util.Locale.ROOT))
                .doesNotContain(base64.substring(8, 24));
    }
}
