package dev.switchboard.provider.openai;

import dev.switchboard.provider.http.UpstreamRequest;

import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.http.UpstreamHttp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between members of the OpenAI-compatible family, in one place: the key as a Bearer token (none for
 * keyless local servers such as Ollama and LM Studio); OpenRouter's optional attribution headers
 * ({@code HTTP-Referer}, {@code X-Title}, from {@code switchboard.upstream.openrouter.*}); GitHub Models' API version
 * header; and Groq, which answers 400 to {@code messages[].name}, so that informational field is dropped for it.
 */
@Component
class OpenAiFamily {

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final String openRouterReferer;
    private final String openRouterTitle;

    OpenAiFamily(UpstreamHttp http, JsonMapper json, OpenRouterAttribution openRouter) {
        this.http = http;
        this.json = json;
        this.openRouterReferer = openRouter.httpReferer();
        this.openRouterTitle = openRouter.title();
    }

    /** {@code POST {base}{path}} of a JSON request with this member's auth and headers. */
    UpstreamRequest post(UpstreamTarget target, String path, ObjectNode request) {
        return headers(http.postJson(target.baseUrl() + path, json.writeValueAsBytes(request)), target).build();
    }

    private UpstreamRequest.Builder headers(UpstreamRequest.Builder builder, UpstreamTarget target) {
        if (target.apiKey() != null) {
            builder.header("Authorization", "Bearer " + target.apiKey());
        }
        switch (target.providerId()) {
            case "openrouter" -> {
                if (!openRouterReferer.isBlank()) {
                    builder.header("HTTP-Referer", openRouterReferer);
                }
                if (!openRouterTitle.isBlank()) {
                    builder.header("X-Title", openRouterTitle);
                }
            }
            case "github" -> builder.header("X-GitHub-Api-Version", "2022-11-28");
            default -> { }
        }
        return builder;
    }

    /** The request as this member accepts it: the same object when nothing differs, otherwise an adapted copy. */
    ObjectNode adaptChatRequest(UpstreamTarget target, ObjectNode request) {
        if (!"groq".equals(target.providerId())) {
            return request;
        }
        var copy = request.deepCopy();
        copy.path("messages").forEach(message -> {
            if (message instanceof ObjectNode object) {
                object.remove("name");
            }
        });
        return copy;
    }
}
