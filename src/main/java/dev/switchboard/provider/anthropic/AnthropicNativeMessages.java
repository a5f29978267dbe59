package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.AnthropicMessages;
import dev.switchboard.provider.MessagesResponse;
import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.http.UpstreamHttp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic in, Anthropic out: the request and every answer byte pass through untouched. Only the events that carry
 * usage ({@code message_start}, {@code message_delta}) are parsed, so the relay costs one event's worth of work.
 */
@Component
class AnthropicNativeMessages implements AnthropicMessages {

    private final UpstreamHttp http;
    private final JsonMapper json;

    AnthropicNativeMessages(UpstreamHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public MessagesResponse complete(UpstreamTarget target, ObjectNode request, String beta) {
        var answer = http.send(target.providerId(), AnthropicWire.post(http, target, json.writeValueAsBytes(request), "application/json", beta));
        var message = http.readJson(target.providerId(), answer);
        return new MessagesResponse(answer, AnthropicWire.usageOf(message.path("usage")));
    }

    @Override
    public String stream(UpstreamTarget target, ObjectNode request, String beta, MessagesStreamListener listener) {
        var upstream = http.open(target.providerId(),
                AnthropicWire.post(http, target, json.writeValueAsBytes(request), "text/event-stream", beta));
        var usage = json.createObjectNode();
        return AnthropicEventStream.pump(http, target, upstream, (event, data) -> {
            if ((event.equals("message_start") || event.equals("message_delta")) && data.contains("\"usage\"")) {
                var root = AnthropicWire.parseEvent(json, target.providerId(), data);
                JsonNode reported = event.equals("message_start") ? root.path("message").path("usage") : root.path("usage");
                reported.properties().stream().filter(e -> e.getValue().isNumber()).forEach(e -> usage.set(e.getKey(), e.getValue()));
                listener.onUsage(AnthropicWire.usageOf(usage));
            }
            listener.onEvent(event, data);
        }, listener::onPause);
    }

    @Override
    public byte[] countTokens(UpstreamTarget target, ObjectNode request, String beta) {
        var answer = http.send(target.providerId(), AnthropicWire.post(http, target, "/v1/messages/count_tokens",
                json.writeValueAsBytes(request), "application/json", beta));
        http.readJson(target.providerId(), answer);
        return answer;
    }
}
