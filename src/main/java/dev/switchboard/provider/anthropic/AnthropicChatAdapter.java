package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.ChatResponse;
import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.http.UpstreamHttp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API behind the canonical (OpenAI chat) format: requests, answers and streams translated both
 * ways, the stream event by event with nothing buffered beyond one event.
 */
@Component
class AnthropicChatAdapter implements ChatAdapter {

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final ChatToMessagesRequest requests;
    private final MessageToChatResponse responses;

    AnthropicChatAdapter(UpstreamHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
        this.requests = new ChatToMessagesRequest(json);
        this.responses = new MessageToChatResponse(json);
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.ANTHROPIC;
    }

    @Override
    public ChatResponse complete(UpstreamTarget target, ObjectNode request) {
        var body = json.writeValueAsBytes(requests.translate(request));
        var answer = http.send(target.providerId(), AnthropicWire.post(http, target, body, "application/json"));
        var message = http.readJson(target.providerId(), answer);
        return new ChatResponse(json.writeValueAsBytes(responses.translate(message)), AnthropicWire.usageOf(message.path("usage")));
    }

    @Override
    public void stream(UpstreamTarget target, ObjectNode request, ChatStreamListener listener) {
        var translated = requests.translate(request);
        translated.put("stream", true);
        var body = json.writeValueAsBytes(translated);
        var events = new MessagesToChatStream(json, target.providerId(), listener);
        var upstream = http.open(target.providerId(), AnthropicWire.post(http, target, body, "text/event-stream"));
        AnthropicEventStream.pump(http, target, upstream, events, listener::onPause);
        listener.onUsage(events.usage());
        events.complete();
    }
}
