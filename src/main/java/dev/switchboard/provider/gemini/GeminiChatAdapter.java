package dev.switchboard.provider.gemini;

import java.io.IOException;
import dev.switchboard.provider.http.UpstreamRequest;

import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.ChatResponse;
import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.http.SecretMask;
import dev.switchboard.provider.http.UpstreamHttp;
import dev.switchboard.provider.sse.SseReader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Gemini's {@code generateContent} and {@code streamGenerateContent?alt=sse} at
 * {@code {base}/v1beta/models/{model}:…}, the key in the {@code x-goog-api-key} header (never in the URL). Each
 * streamed Gemini response becomes its chat.completion.chunk(s) as soon as it arrives; a stream that ends without
 * a {@code finishReason} is broken ({@link Kind#UNREACHABLE}).
 */
@Component
class GeminiChatAdapter implements ChatAdapter {

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final GeminiRequests requests;
    private final GeminiResponses responses;

    GeminiChatAdapter(UpstreamHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
        this.requests = new GeminiRequests(json);
        this.responses = new GeminiResponses(json);
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.GEMINI;
    }

    @Override
    public ChatResponse complete(UpstreamTarget target, ObjectNode request) {
        var body = http.send(target.providerId(), post(target, ":generateContent", requests.toGemini(request)));
        var gemini = http.readJson(target.providerId(), body);
        var completion = responses.completion(gemini, target.upstreamModel());
        return new ChatResponse(json.writeValueAsBytes(completion), GeminiResponses.usage(gemini.path("usageMetadata")));
    }

    @Override
    public void stream(UpstreamTarget target, ObjectNode request, ChatStreamListener listener) {
        var geminiRequest = requests.toGemini(request);
        var stream = new GeminiResponses.Stream(target.upstreamModel(), request.path("n").asInt(1));
        var finished = false;
        JsonNode lastUsage = null;
        try (var reader = new SseReader(http.open(target.providerId(), post(target, ":streamGenerateContent?alt=sse", geminiRequest)), listener::onPause)) {
            SseReader.SseEvent event;
            while ((event = reader.next()) != null) {
                var gemini = parse(target, event.data());
                if (gemini.path("error").isObject()) {
                    throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " failed mid-stream: "
                            + SecretMask.clean(gemini.path("error").path("message").asString("the stream reported an error"),
                            target.apiKey() == null ? java.util.List.of() : java.util.List.of(target.apiKey())), null);
                }
                for (var chunk : responses.chunks(gemini, stream)) {
                    finished |= chunk.path("choices").get(0).path("finish_reason").isString();
                    listener.onChunk(json.writeValueAsString(chunk));
                }
                if (gemini.path("usageMetadata").isObject()) {
                    lastUsage = gemini.path("usageMetadata");
                    listener.onUsage(GeminiResponses.usage(lastUsage));
                }
                finished |= gemini.path("promptFeedback").path("blockReason").isString();
            }
        } catch (IOException e) {
            throw UpstreamHttp.failure(target.providerId(), e);
        }
        if (!finished) {
            throw new ProviderException(Kind.UNREACHABLE, 200, "The provider " + target.providerId() + " ended the stream before the answer was complete", null);
        }
        var usage = lastUsage == null ? Usage.NONE : GeminiResponses.usage(lastUsage);
        listener.onUsageChunk(json.writeValueAsString(responses.usageChunk(stream, usage,
                lastUsage == null ? json.createObjectNode() : lastUsage)));
    }

    private JsonNode parse(UpstreamTarget target, String data) {
        try {
            return json.readTree(data);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " streamed invalid JSON", null);
        }
    }

    private UpstreamRequest post(UpstreamTarget target, String method, ObjectNode body) {
        var builder = http.postJson(modelUrl(target, method), json.writeValueAsBytes(body));
        if (target.apiKey() != null) {
            builder.header("x-goog-api-key", target.apiKey());
        }
        return builder.build();
    }

    /** {@code {base}/v1beta/models/{model}{method}}; an upstream id written as {@code models/…} is accepted too. */
    static String modelUrl(UpstreamTarget target, String method) {
        var model = target.upstreamModel().startsWith("models/") ? target.upstreamModel().substring(7) : target.upstreamModel();
        return target.baseUrl() + "/v1beta/models/" + model + method;
    }
}
