package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.HashSet;

import dev.switchboard.responses.StoredResponse;
import dev.switchboard.responses.StoredResponses;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conversations of the Responses API as the gateway keeps them ({@link StoredResponses}): a response is stored with the
 * input items sent with it, each given an id as OpenAI gives them; a conversation is rebuilt by following
 * {@code previous_response_id} back, each turn contributing its input and then its output. Only the owner's responses
 * are found: another caller's id is one that does not exist.
 */
@Component
class ResponsesHistory {

    /** How far back a conversation is followed: far beyond any real chain, short of a loop's cost. */
    static final int MAX_TURNS = 10_000;

    private final StoredResponses stored;
    private final JsonMapper json;

    ResponsesHistory(StoredResponses stored, JsonMapper json) {
        this.stored = stored;
        this.json = json;
    }

    /** The items of the conversation up to and including the response {@code id}: every input, then every output. */
    ArrayNode conversationBefore(String ownerId, String id) {
        var turns = new ArrayList<StoredResponse>();
        var seen = new HashSet<String>();
        var next = id;
        while (next != null && turns.size() < MAX_TURNS && seen.add(next)) {
            var turn = stored.find(ownerId, next);
            if (turn.isEmpty()) {
                break;
            }
            turns.addFirst(turn.get());
            next = turn.get().previousResponseId();
        }
        if (turns.isEmpty()) {
            throw new Refusal(400, "previous_response_not_found", "previous_response_id",
                    "Previous response with id '" + id + "' not found.");
        }
        var items = json.createArrayNode();
        turns.forEach(turn -> {
            json.readTree(turn.inputItemsJson()).forEach(item -> items.add(replayed(item)));
            json.readTree(turn.responseJson()).path("output").forEach(item -> {
                if (!"reasoning".equals(item.path("type").asString()) || item.hasNonNull("encrypted_content")) {
                    items.add(replayed(item));
                }
            });
        });
        return items;
    }

    /** An item sent again: without the ids given to it here, which no provider knows (a reasoning item keeps OpenAI's). */
    private JsonNode replayed(JsonNode item) {
        var copy = (ObjectNode) item.deepCopy();
        if (!"reasoning".equals(copy.path("type").asString())) {
            copy.remove("id");
            copy.remove("status");
        }
        return copy;
    }

    /** Stores an answer for its owner, with the input items sent with it (each given an id when it has none). */
    void keep(String ownerId, ResponsesRequests.ResponsesCall call, byte[] responseJson) {
        var response = json.readTree(responseJson);
        var id = response.path("id").asString("");
        if (id.isEmpty()) {
            return;
        }
        var items = json.createArrayNode();
        call.input().forEach(item -> {
            var copy = (ObjectNode) item.deepCopy();
            if (!copy.hasNonNull("id")) {
                copy.put("id", "msg_" + java.util.UUID.randomUUID().toString().replace("-", ""));
            }
            items.add(copy);
        });
        stored.keep(id, ownerId, call.previousResponseId(), items.toString(), new String(responseJson, java.nio.charset.StandardCharsets.UTF_8));
    }

    StoredResponse find(String ownerId, String id) {
        return stored.find(ownerId, id).orElseThrow(() -> notFound(id));
    }

    void delete(String ownerId, String id) {
        if (!stored.delete(ownerId, id)) {
            throw notFound(id);
        }
    }

    static Refusal notFound(String id) {
        return new Refusal(404, "not_found", null, "Response with id '" + id + "' not found.");
    }
}
