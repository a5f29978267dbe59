package dev.switchboard.compat;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 000's {@code /v2/conversations/…}: the caller's own conversations over {@code /api/conversations}, lists as
 * FastAPI's {@code {"data": [...], "count"}}, each conversation with its model's UUID in {@code model_id} and each message
 * with its {@code conversation_id} and {@code cost}. Someone else's conversation is a 404, as on the route.
 */
@RestController
class V2ConversationsController {

    private final Forwarder forwarder;
    private final ModelIds ids;

    V2ConversationsController(Forwarder forwarder, ModelIds ids) {
        this.forwarder = forwarder;
        this.ids = ids;
    }

    @GetMapping({"/v2/conversations", "/v2/conversations/"})
    ResponseEntity<byte[]> list(Caller caller, HttpServletRequest request) {
        return Replies.fastApi(forwarder.json(request, "GET", "/api/conversations", null), page -> counted(page, this::conversation), "query");
    }

    @GetMapping("/v2/conversations/{id}")
    ResponseEntity<byte[]> one(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return Replies.fastApi(forwarder.json(request, "GET", Forwarder.path("/api/conversations", id), null), this::conversation, "path");
    }

    @GetMapping("/v2/conversations/{id}/messages")
    ResponseEntity<byte[]> messages(Caller caller, @PathVariable String id, HttpServletRequest request) {
        var answer = forwarder.json(request, "GET", Forwarder.path("/api/conversations", id) + "/messages", null);
        return Replies.fastApi(answer, page -> counted(page, m -> V2ChatController.v2Message(id, m)), "path");
    }

    private JsonNode conversation(JsonNode conversation) {
        if (conversation instanceof ObjectNode c && c.path("model").isString()) {
            c.put("model_id", ids.uuidOfName(c.path("model").stringValue()));
            c.set("total_cost", c.path("cost_usd"));
        }
        return conversation;
    }

    private static JsonNode counted(JsonNode page, java.util.function.UnaryOperator<JsonNode> each) {
        if (page instanceof ObjectNode p && p.path("data").isArray()) {
            p.path("data").forEach(each::apply);
            p.put("count", p.path("data").size());
        }
        return page;
    }
}
