package dev.switchboard.provider.openai;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import dev.switchboard.provider.NativeResponses;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.ResponsesStreamListener;
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
 * OpenAI's own Responses API, passed through: the request as the caller wrote it (less {@code previous_response_id},
 * which the gateway has already resolved into the input from its own store, so that a conversation can move between
 * providers), the answer and every event untouched. Only the terminal events are parsed, for their usage. Which members
 * of the OpenAI-compatible family serve this API is {@link NativeResponsesProviders} (OpenAI by default); the others
 * are translated to chat completions.
 */
@Component
class OpenAiNativeResponses implements NativeResponses {

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete");
    private static final Set<String> FAILED = Set.of("response.failed", "error");

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final OpenAiFamily family;
    private final NativeResponsesProviders providers;

    OpenAiNativeResponses(UpstreamHttp http, JsonMapper json, OpenAiFamily family, NativeResponsesProviders providers) {
        this.http = http;
        this.json = json;
        this.family = family;
        this.providers = providers;
    }

    @Override
    public boolean serves(UpstreamTarget target, WireFormat format) {
        return format == WireFormat.OPENAI && providers.nativeProviders().contains(target.providerId());
    }

    @Override
    public ResponsesReply complete(UpstreamTarget target, ObjectNode request) {
        var body = http.send(target.providerId(), family.post(target, "/responses", upstream(request)));
        return new ResponsesReply(null, body, usageOf(http.readJson(target.providerId(), body).path("usage")));
    }

    @Override
    public ResponsesReply stream(UpstreamTarget target, ObjectNode request, ResponsesStreamListener listener) {
        try (var reader = new SseReader(http.open(target.providerId(), family.post(target, "/responses", upstream(request))), listener::onPause)) {
            SseReader.SseEvent event;
            while ((event = reader.next()) != null) {
                var type = event.event() != null ? event.event() : typeOf(event.data());
                if (TERMINAL.contains(type)) {
                    var usage = usageOf(parse(target, event.data()).path("response").path("usage"));
                    listener.onUsage(usage);
                    reader.answerComplete();
                    return new ResponsesReply(type, event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8), usage);
                }
                if (FAILED.contains(type)) {
                    throw failedMidStream(target, parse(target, event.data()));
                }
                listener.onEvent(type, event.data());
            }
            throw new ProviderException(Kind.UNREACHABLE, 200, "The provider " + target.providerId() + " ended the stream before the answer was complete", null);
        } catch (IOException e) {
            throw UpstreamHttp.failure(target.providerId(), e);
        }
    }

    private static ObjectNode upstream(ObjectNode request) {
        var copy = request.deepCopy();
        copy.remove("previous_response_id");
        return copy;
    }

    /** An unnamed event's type, read from its data without parsing it all ({@code "type"} comes first in OpenAI's events). */
    private String typeOf(String data) {
        var at = data.indexOf("\"type\"");
        if (at < 0) {
            return "";
        }
        var start = data.indexOf('"', data.indexOf(':', at) + 1) + 1;
        var end = data.indexOf('"', start);
        return start > 0 && end > start ? data.substring(start, end) : "";
    }

    private JsonNode parse(UpstreamTarget target, String data) {
        try {
            return json.readTree(data);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " streamed invalid JSON", null);
        }
    }

    private static ProviderException failedMidStream(UpstreamTarget target, JsonNode event) {
        var error = event.path("response").path("error").isObject() ? event.path("response").path("error") : event;
        var message = SecretMask.clean(error.path("message").asString("the stream reported an error"),
                target.apiKey() == null ? List.of() : List.of(target.apiKey()));
        return new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + target.providerId() + " failed mid-stream: " + message, null);
    }

    /** Usage as the Responses API reports it: input including cached, output including reasoning. */
    static Usage usageOf(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.NONE;
        }
        return Usage.reported(Usage.count(usage.path("input_tokens")), Usage.count(usage.path("output_tokens")),
                Usage.count(usage.path("input_tokens_details").path("cached_tokens")));
    }
}
