package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.MessagesTranslation;
import dev.switchboard.provider.WireFormat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's dialect over canonical chat: each direction is one small translator. */
@Component
class AnthropicMessagesTranslation implements MessagesTranslation {

    private final JsonMapper json;
    private final MessagesToChatRequest requests;
    private final MessagesToChatRequest withReasoning;
    private final ChatToMessageResponse responses;

    AnthropicMessagesTranslation(JsonMapper json) {
        this.json = json;
        this.requests = new MessagesToChatRequest(json);
        this.withReasoning = new MessagesToChatRequest(json, true);
        this.responses = new ChatToMessageResponse(json);
    }

    @Override
    public ObjectNode toChatRequest(ObjectNode messagesRequest) {
        return requests.translate(messagesRequest);
    }

    @Override
    public ObjectNode toChatRequest(ObjectNode messagesRequest, WireFormat format) {
        return (format == WireFormat.GEMINI ? withReasoning : requests).translate(messagesRequest);
    }

    @Override
    public byte[] toMessage(byte[] chatCompletion, String model) {
        return json.writeValueAsBytes(responses.translate(json.readTree(chatCompletion), model));
    }

    @Override
    public MessagesStream toMessagesStream(String model, MessagesStreamListener sink) {
        return new ChatToMessagesStream(json, model, sink);
    }
}
