package dev.switchboard.conversation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.Endpoint;
import dev.switchboard.gateway.JsonSink;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.gateway.SseWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import dev.switchboard.gateway.RefusalProblems;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code /api/conversations}: the caller's own conversations. Someone else's conversation is answered 404 like one
 * that does not exist. Lists are newest first, paged by an opaque {@code cursor}, and searchable by title ({@code q}).
 */
@RestController
@RefusalProblems.Served
class ConversationsController {

    private static final int MAX_TITLE = 200;
    private static final int MAX_SYSTEM = 100_000;

    private final Conversations conversations;
    private final Turns turns;
    private final Catalog catalog;
    private final JsonMapper json;

    ConversationsController(Conversations conversations, Turns turns, Catalog catalog, JsonMapper json) {
        this.conversations = conversations;
        this.turns = turns;
        this.catalog = catalog;
        this.json = json;
    }

    record CreateRequest(String model, String title, String system) {
    }

    record UpdateRequest(String title, String model, String system) {
    }

    record SendRequest(JsonNode content, Boolean stream, String model, @JsonProperty("max_tokens") Long maxTokens) {
    }

    @PostMapping("/api/conversations")
    ResponseEntity<Views.ConversationView> create(Caller caller, @RequestBody CreateRequest body) {
        var created = conversations.create(caller.userId(), model(body.model()), text("title", body.title(), MAX_TITLE),
                text("system", body.system(), MAX_SYSTEM));
        return ResponseEntity.status(HttpStatus.CREATED).body(Views.ConversationView.of(created));
    }

    @GetMapping("/api/conversations")
    Views.ConversationPage list(Caller caller, @RequestParam(defaultValue = "20") int limit,
                                @RequestParam(required = false) String cursor, @RequestParam(required = false) String q) {
        if (limit < 1 || limit > 100) {
            throw Refusal.invalid("limit", "invalid_value", "'limit' must be from 1 to 100.");
        }
        var page = conversations.page(caller.userId(), q == null || q.isBlank() ? null : q.strip(), decode(cursor), limit + 1);
        var more = page.size() > limit;
        var shown = more ? page.subList(0, limit) : page;
        return new Views.ConversationPage(shown.stream().map(Views.ConversationView::of).toList(), more ? encode(shown.getLast()) : null);
    }

    @GetMapping("/api/conversations/{id}")
    Views.ConversationView get(Caller caller, @PathVariable String id) {
        return Views.ConversationView.of(turns.owned(id, caller.userId()));
    }

    @PatchMapping("/api/conversations/{id}")
    Views.ConversationView update(Caller caller, @PathVariable String id, @RequestBody UpdateRequest body) {
        var current = turns.owned(id, caller.userId());
        var title = body.title() == null ? current.title() : text("title", body.title(), MAX_TITLE);
        var system = body.system() == null ? current.system() : text("system", body.system(), MAX_SYSTEM);
        conversations.update(id, title, body.model() == null ? current.model() : model(body.model()), system);
        return Views.ConversationView.of(turns.owned(id, caller.userId()));
    }

    @DeleteMapping("/api/conversations/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        conversations.delete(turns.owned(id, caller.userId()).id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/conversations/{id}/messages")
    Views.MessageList messages(Caller caller, @PathVariable String id) {
        return Views.MessageList.of(conversations.messages(turns.owned(id, caller.userId()).id()));
    }

    /** Sends a message to the conversation's model (or {@code model} for this turn) and answers both turns as stored. */
    @PostMapping("/api/conversations/{id}/messages")
    ResponseEntity<Views.TurnView> send(Caller caller, @PathVariable String id, @RequestBody SendRequest body, HttpServletResponse response) {
        var conversation = turns.owned(id, caller.userId());
        var call = call(caller, body, body.model() == null ? conversation.model() : model(body.model()));
        if (!call.stream()) {
            var stored = turns.exchange(conversation, call, (JsonSink) answer -> { });
            return ResponseEntity.ok(new Views.TurnView(Views.MessageView.of(stored.getFirst()), Views.MessageView.of(stored.getLast())));
        }
        var stream = new ConversationStream(new SseWriter(response), json);
        var stored = turns.exchange(conversation, call, stream);
        if (!stored.isEmpty()) {
            stream.stored(Views.MessageView.of(stored.getLast()));
        }
        return null;
    }

    private static CallRequest call(Caller caller, SendRequest send, String model) {
        checkContent(send.content());
        if (send.maxTokens() != null && send.maxTokens() < 1) {
            throw Refusal.invalid("max_tokens", "invalid_value", "'max_tokens' must be a positive integer.");
        }
        var stream = Boolean.TRUE.equals(send.stream());
        var body = JsonNodeFactory.instance.objectNode().put("model", model);
        body.putArray("messages").add(Contents.message("user", send.content()));
        if (stream) {
            body.put("stream", true);
        }
        if (send.maxTokens() != null) {
            body.put("max_tokens", send.maxTokens());
        }
        return new CallRequest(caller, Endpoint.CHAT_COMPLETIONS, model, stream, send.maxTokens(), body,
                CallRequest.newRequestId(), null, CallRequest.Billing.TOKENS, System.nanoTime());
    }

    /** A message's content: a non-empty string, or a non-empty array of content parts (objects with a {@code type}). */
    private static void checkContent(JsonNode content) {
        var valid = content != null && (content.isString() && !content.stringValue().isBlank()
                || content.isArray() && !content.isEmpty());
        if (valid && content.isArray()) {
            for (var part : content) {
                valid &= part.isObject() && part.path("type").isString();
            }
        }
        if (!valid) {
            throw Refusal.invalid("content", "invalid_type", "'content' must be a non-empty string or an array of content parts.");
        }
    }

    private String model(String name) {
        if (name == null || name.isBlank()) {
            throw Refusal.invalid("model", "missing_required_parameter", "'model' is required.");
        }
        if (catalog.model(name).isEmpty()) {
            throw Refusal.invalid("model", "model_not_found", "There is no model '" + name + "' to talk to.");
        }
        return name;
    }

    /** An optional text: null stays null, blank clears it (null), longer than {@code max} is refused. */
    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw Refusal.invalid(field, "invalid_value", "'" + field + "' must be at most " + max + " characters long.");
        }
        return value;
    }

    private static String encode(Conversation last) {
        var raw = last.createdAtMillis() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Conversations.Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            return new Conversations.Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw Refusal.invalid("cursor", "invalid_value", "'cursor' is not one this API gave out.");
        }
    }
}
