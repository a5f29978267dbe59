package dev.switchboard.provider.openai;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.upstream.responses.native-providers} ({@code SWITCHBOARD_UPSTREAM_RESPONSES_NATIVE_PROVIDERS}):
 * the providers of the OpenAI-compatible family whose own {@code /responses} endpoint serves {@code /v1/responses}
 * calls, passed through; every other provider is translated to chat completions. OpenAI by default; Groq and
 * OpenRouter serve the Responses API too, with fewer of its features.
 */
@ConfigurationProperties("switchboard.upstream.responses")
record NativeResponsesProviders(List<String> nativeProviders) {

    NativeResponsesProviders {
        nativeProviders = nativeProviders == null ? List.of("openai") : List.copyOf(nativeProviders);
    }
}
