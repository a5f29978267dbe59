package dev.switchboard.provider.responses;

import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.ResponsesStreamListener;
import dev.switchboard.provider.ResponsesTranslation;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The Responses dialect over canonical chat: each direction is one small translator. */
@Component
class ChatResponsesTranslation implements ResponsesTranslation {

    private final JsonMapper json;
    private final ResponsesToChatRequest requests;
    private final ChatToResponse responses;

    ChatResponsesTranslation(JsonMapper json) {
        this.json = json;
        this.requests = new ResponsesToChatRequest(json);
        this.responses = new ChatToResponse(json);
    }

    @Override
    public ObjectNode toChatRequest(ObjectNode responsesRequest) {
        return requests.translate(responsesRequest);
    }

    @Override
    public ResponsesReply toResponse(byte[] chatCompletion, ObjectNode responsesRequest, Usage usage) {
        var response = responses.translate(json.readTree(chatCompletion), responsesRequest, usage);
        return new ResponsesReply(null, json.writeValueAsBytes(response), usage);
    }

    @Override
    public ResponsesStream toResponsesStream(ObjectNode responsesRequest, ResponsesStreamListener sink) {
        return new ChatToResponsesStream(json, responsesRequest, sink);
    }
}
