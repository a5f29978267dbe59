package dev.switchboard.conversation;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.Dialect;
import dev.switchboard.gateway.Refusal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a conversation sends: its system prompt, then as much of its stored history as fits the model's context window,
 * then the call's own messages. The oldest turns go first; the system prompt and the new messages are never dropped,
 * and the history kept starts with a question. Room is left for the answer: the call's {@code max_tokens}, else the
 * model's recorded maximum output. A model without a recorded context window gets the whole history. When even the
 * system prompt and the new messages do not fit, the call is refused before anything is sent.
 */
@Component
class History {

    private final Catalog catalog;
    private final TokenCounter tokens;
    private final JsonMapper json;

    History(Catalog catalog, TokenCounter tokens, JsonMapper json) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.json = json;
    }

    CallRequest prepend(Conversation conversation, List<StoredMessage> stored, CallRequest call) {
        var dialect = call.endpoint().dialect();
        var body = call.body();
        var model = catalog.model(call.model());
        var encoding = tokens.encodingFor(model.map(Model::upstreamModel).orElse(call.model()));
        var system = system(conversation, body, dialect);
        var fixed = TokenCounter.REPLY_PRIMING + (system == null ? 0 : tokens.message(encoding, "system", system));
        for (var message : body.path("messages")) {
            fixed += tokens.message(encoding, message.path("role").asString(""), message.get("content"));
        }
        var history = new ArrayList<ObjectNode>();
        var sizes = new ArrayList<Integer>();
        for (var message : stored) {
            var content = Contents.in(dialect, message.format(), json.readTree(message.content()));
            history.add(Contents.message(message.role(), content));
            sizes.add(tokens.message(encoding, message.role(), content));
        }
        var kept = fit(history, sizes, room(model.orElse(null), call) - fixed);
        var messages = Contents.array();
        if (system != null && dialect == Dialect.OPENAI) {
            messages.add(Contents.message("system", system));
        }
        kept.forEach(messages::add);
        body.path("messages").forEach(messages::add);
        body.set("messages", messages);
        return call.withBody(body);
    }

    /** The conversation's system prompt where the call has none of its own (Anthropic's top-level {@code system}). */
    private static JsonNode system(Conversation conversation, ObjectNode body, Dialect dialect) {
        if (conversation.system() == null) {
            return null;
        }
        var system = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(conversation.system());
        if (dialect == Dialect.ANTHROPIC) {
            if (body.hasNonNull("system")) {
                return body.get("system");
            }
            body.set("system", system);
        }
        return system;
    }

    /** Tokens the prompt may use: the context window less the answer's room; unbounded when the window is not recorded. */
    private static long room(Model model, CallRequest call) {
        if (model == null || model.limits().contextWindow() == null) {
            return Long.MAX_VALUE / 2;
        }
        var answer = call.maxOutputTokens() != null ? call.maxOutputTokens()
                : model.limits().maxOutputTokens() != null ? model.limits().maxOutputTokens() : 0L;
        return model.limits().contextWindow() - answer;
    }

    private static List<ObjectNode> fit(List<ObjectNode> history, List<Integer> sizes, long room) {
        if (room < 0) {
            throw new Refusal(400, "context_length_exceeded", "messages", "The new messages and the system prompt alone need "
                    + "more tokens than the model's context window leaves for them, before any of the conversation's history.");
        }
        var total = sizes.stream().mapToLong(Integer::longValue).sum();
        var first = 0;
        while (first < history.size() && (total > room || !"user".equals(history.get(first).path("role").asString("")))) {
            total -= sizes.get(first++);
        }
        return history.subList(first, history.size());
    }
}
