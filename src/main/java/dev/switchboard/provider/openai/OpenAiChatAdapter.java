package dev.switchboard.provider.openai;

import java.io.IOException;
import java.util.List;

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
import dev.switchboard.provider.http.UpstreamRequest;
import dev.switchboard.provider.sse.JsonPeek;
import dev.switchboard.provider.sse.SseReader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible family (OpenAI, Groq, OpenRouter, GitHub Models, Ollama, LM Studio). The canonical request
 * is already this wire format, so requests and answers pass through unchanged; the adapter only asks streams for
 * their usage and reads it. Family members' differences live in {@link OpenAiFamily}.
 */
@Component
class OpenAiChatAdapter implements ChatAdapter {

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final OpenAiFamily family;

    OpenAiChatAdapter(UpstreamHttp http, JsonMapper json, OpenAiFamily family) {
        this.http = http;
        this.json = json;
        this.family = family;
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.OPENAI;
    }

    @Override
    public ChatResponse complete(UpstreamTarget target, ObjectNode request) {
        var body = http.send(target.providerId(), post(target, request));
        return new ChatResponse(body, usageOf(http.readJson(target.providerId(), body).path("usage")));
    }

    @Override
    public void stream(UpstreamTarget target, ObjectNode request, ChatStreamListener listener) {
        var withUsage = request.deepCopy();
        var options = withUsage.get("stream_options") instanceof ObjectNode given ? given : withUsage.putObject("stream_options");
        options.put("include_usage", true);
        try (var reader = new SseReader(http.open(target.providerId(), post(target, withUsage)), listener::onPause)) {
            SseReader.SseEvent event;
            var finished = false;
            while ((event = reader.next()) != null) {
                var data = event.data();
                if (data.equals("[DONE]")) {
                    reader.answerComplete();
                    return;
                }
                // a chunk with a finish reason completes the answer even if the upstream omits [DONE]
                finished = finished || JsonPeek.hasMember(data, "\"finish_reason\"", '"');
                if (needsInspection(data)) {
                    dispatchInspected(target, data, listener);
                } else {
                    listener.onChunk(data);
                }
            }
            if (!finished) {
                throw new ProviderException(Kind.UNREACHABLE, 200, "The provider " + target.providerId() + " ended the stream before the answer was complete", null);
            }
        } catch (IOException e) {
            throw UpstreamHttp.failure(target.providerId(), e);
        }
    }

    private static List<String> secretOf(UpstreamTarget target) {
        return target.apiKey() == null ? List.of() : List.of(target.apiKey());
    }

    /**
     * Whether a chunk must be parsed: its usage is an object, or it carries an error; plain content chunks pass as they
     * came. Once usage is asked for, OpenAI writes {@code "usage":null} in every other chunk, which must not cost a parse.
     */
    static boolean needsInspection(String data) {
        return JsonPeek.hasMember(data, "\"usage\"", '{') || JsonPeek.hasMember(data, "\"error\"");
    }

    private void dispatchInspected(UpstreamTarget target, String data, ChatStreamListener listener) {
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " streamed invalid JSON", null);
        }
        if (chunk.path("error").isObject()) {
            var message = SecretMask.clean(chunk.path("error").path("message").asString("the stream reported an error"), secretOf(target));
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " failed mid-stream: " + message, null);
        }
        var usage = chunk.path("usage");
        if (usage.isObject()) {
            listener.onUsage(usageOf(usage));
            if (chunk.path("choices").isEmpty()) {
                listener.onUsageChunk(data);
                return;
            }
        }
        listener.onChunk(data);
    }

    private UpstreamRequest post(UpstreamTarget target, ObjectNode request) {
        return family.post(target, "/chat/completions", family.adaptChatRequest(target, request));
    }

    static Usage usageOf(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.NONE;
        }
        return Usage.reported(Usage.count(usage.path("prompt_tokens")), Usage.count(usage.path("completion_tokens")),
                Usage.count(usage.path("prompt_tokens_details").path("cached_tokens")));
    }
}
