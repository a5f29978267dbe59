package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.MessagesTranslation;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's dialect over canonical chat: each direction is one small translator. */
@Component
class AnthropicMessagesTranslation implements MessagesTranslation {

    private final JsonMapper json;
    private final MessagesToChatRequest requests;
    private final ChatToMessageResponse responses;

    AnthropicMessagesTranslation(JsonMapper json) {
        this.json = json;
        this.requests = new MessagesToChatRequest(json);
        this.responses = new ChatToMessageResponse(json);
    }

    @Override
    public ObjectNode toChatRequest(ObjectNode messagesRequest) {
        return requests.translate(messagesRequest);
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
