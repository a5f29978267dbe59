package dev.switchboard.compat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds 000 and 001's chat: {@code {"model_id": "<uuid>", "messages": [...], "conversation_id"?}} is a turn of a
 * conversation, over {@code POST /api/conversations} (when no {@code conversation_id} is given: a new one, with a leading
 * system message as its system prompt) and {@code POST /api/conversations/{id}/messages} with the last message as the
 * turn; earlier messages are the conversation's stored history, which the route sends itself. Answers the assistant
 * message with its tokens and cost; the stream path answers the route's events as they come.
 */
@RestController
class V2ChatController {

    private static final Set<String> FIELDS = Set.of("model_id", "messages", "conversation_id", "max_tokens", "stream");
    private static final Map<String, String> RENAMES = Map.of("model", "model_id", "content", "messages");

    private final Forwarder forwarder;
    private final ModelIds ids;

    V2ChatController(Forwarder forwarder, ModelIds ids) {
        this.forwarder = forwarder;
        this.ids = ids;
    }

    @PostMapping("/v2/llm/chat/completions")
    ResponseEntity<byte[]> complete(Caller caller, HttpServletRequest request) throws IOException {
        var chat = V2Chat.read(request.getInputStream().readAllBytes());
        if (chat.refusal() != null) {
            return FastApiErrors.of(chat.refusal(), "body");
        }
        var conversation = conversation(request, chat);
        if (!conversation.ok()) {
            return FastApiErrors.of(conversation.answer().renamingFields(RENAMES), "body");
        }
        var turn = forwarder.json(request, "POST", Forwarder.path("/api/conversations", conversation.id()) + "/messages", chat.turn(false));
        if (!turn.ok()) {
            forgetIfNew(request, chat, conversation.id());
        }
        return Replies.fastApi(turn.renamingFields(RENAMES), answer -> answered(conversation.id(), answer), "body");
    }

    /** The route's events ({@code delta}, {@code error}, then {@code message}, the stored answer), live; the conversation's id in {@code X-Conversation-Id}. */
    @PostMapping("/v2/llm/chat/completions/stream")
    ResponseEntity<byte[]> stream(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var chat = V2Chat.read(request.getInputStream().readAllBytes());
        if (chat.refusal() != null) {
            return FastApiErrors.of(chat.refusal(), "body");
        }
        var conversation = conversation(request, chat);
        if (!conversation.ok()) {
            return FastApiErrors.of(conversation.answer().renamingFields(RENAMES), "body");
        }
        response.setHeader("X-Conversation-Id", conversation.id());
        forwarder.live(request, response, "POST", Forwarder.path("/api/conversations", conversation.id()) + "/messages", chat.turn(true));
        if (response.getStatus() >= 400) {
            forgetIfNew(request, chat, conversation.id());
        }
        return null;
    }

    /** The conversation named, or a new one on the model named. */
    private Opened conversation(HttpServletRequest request, V2Chat chat) {
        if (chat.conversationId() != null) {
            var found = forwarder.json(request, "GET", Forwarder.path("/api/conversations", chat.conversationId()), null);
            return new Opened(found, chat.conversationId());
        }
        var create = JsonNodeFactory.instance.objectNode();
        create.put("model", chat.model() == null ? null : ids.name(chat.model()));
        if (chat.system() != null) {
            create.put("system", chat.system());
        }
        var created = forwarder.json(request, "POST", "/api/conversations", create);
        return new Opened(created, created.json().path("id").asString(null));
    }

    /** A conversation made for a turn that was refused is not left behind empty. */
    private void forgetIfNew(HttpServletRequest request, V2Chat chat, String id) {
        if (chat.conversationId() == null) {
            forwarder.json(request, "DELETE", Forwarder.path("/api/conversations", id), null);
        }
    }

    private JsonNode answered(String conversationId, JsonNode turn) {
        var message = v2Message(conversationId, turn.path("assistant_message"));
        var out = JsonNodeFactory.instance.objectNode();
        out.put("conversation_id", conversationId);
        out.put("model_id", ids.uuidOfName(message.path("model").asString("")));
        out.set("message", message);
        out.set("user_message", v2Message(conversationId, turn.path("user_message")));
        out.set("content", message.path("content"));
        out.put("input_tokens", message.path("input_tokens").asLong());
        out.put("output_tokens", message.path("output_tokens").asLong());
        out.put("total_tokens", message.path("input_tokens").asLong() + message.path("output_tokens").asLong());
        out.set("cost", message.path("cost_usd"));
        return out;
    }

    /** A stored message as the seed's {@code llm_message}: also its conversation and {@code cost}. */
    static ObjectNode v2Message(String conversationId, JsonNode stored) {
        var message = stored instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        message.put("conversation_id", conversationId);
        message.set("cost", message.path("cost_usd"));
        return message;
    }

    private record Opened(Answer answer, String id) {
        boolean ok() {
            return answer.ok() && id != null;
        }
    }

    /** The seed's request, its fields taken as they came; the routes decide whether they are valid. */
    private record V2Chat(JsonNode body, Answer refusal) {

        static V2Chat read(byte[] bytes) {
            try {
                var body = Answer.JSON.readTree(bytes);
                if (!body.isObject()) {
                    return new V2Chat(body, Answer.of(400, "The body must be a JSON object."));
                }
                for (var name : body.propertyNames()) {
                    if (!FIELDS.contains(name)) {
                        return new V2Chat(body, Answer.of(400, "'" + name + "' is not a field of this request."));
                    }
                }
                return new V2Chat(body, null);
            } catch (JacksonException e) {
                return new V2Chat(null, Answer.of(400, "The body is not valid JSON."));
            }
        }

        String model() {
            return body.path("model_id").isString() ? body.path("model_id").stringValue() : null;
        }

        String conversationId() {
            var id = body.path("conversation_id");
            return id.isString() && !id.stringValue().isBlank() ? id.stringValue() : null;
        }

        /** A leading system message's text: the new conversation's system prompt. */
        String system() {
            var first = body.path("messages").path(0);
            return "system".equals(first.path("role").asString("")) && first.path("content").isString() && body.path("messages").size() > 1
                    ? first.path("content").stringValue() : null;
        }

        /** The turn for the conversation route: the last message's content. */
        JsonNode turn(boolean stream) {
            var messages = body.path("messages");
            var turn = JsonNodeFactory.instance.objectNode();
            turn.set("content", messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1).get("content") : null);
            if (stream) {
                turn.put("stream", true);
            }
            if (body.has("max_tokens")) {
                turn.set("max_tokens", body.get("max_tokens"));
            }
            return turn;
        }
    }
}
