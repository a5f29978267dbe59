package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.CallRequest.Billing;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The Responses dialect's front end: reads and checks a {@code POST /v1/responses} request, refusing as OpenAI words it,
 * and continues a stored conversation: with {@code previous_response_id} the call's input is the conversation so far
 * (each earlier turn's input and output, from {@link ResponsesHistory}) followed by the new input, so that any provider
 * can serve it. The request keeps {@code previous_response_id} for the answer to echo; adapters do not forward it.
 */
@Component
class ResponsesRequests {

    private final JsonMapper json;
    private final ResponsesHistory history;

    ResponsesRequests(JsonMapper json, ResponsesHistory history) {
        this.json = json;
        this.history = history;
    }

    /** A Responses call: the call itself, the input items sent with it (as given) and whether to store the answer. */
    record ResponsesCall(CallRequest call, ArrayNode input, String previousResponseId, boolean store) {
    }

    ResponsesCall create(Caller caller, byte[] bytes, String requestId) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.OPENAI);
        var model = body.requiredString("model");
        var input = input(body);
        body.optionalString("instructions", null);
        var stream = body.optionalBoolean("stream");
        var maxOutputTokens = body.optionalInteger("max_output_tokens", 1, Long.MAX_VALUE);
        body.optionalNumber("temperature", 0, 2);
        body.optionalNumber("top_p", 0, 1);
        var store = body.get("store") == null || body.optionalBoolean("store");
        var previous = body.optionalString("previous_response_id", null);
        checkTools(body);
        body.refuseOwnFields();
        var root = body.root();
        if (previous != null) {
            var conversation = history.conversationBefore(caller.userId(), previous);
            conversation.addAll(input);
            root.set("input", conversation);
        }
        var call = new CallRequest(caller, Endpoint.RESPONSES, model, stream, maxOutputTokens, root, requestId, null, Billing.TOKENS, started);
        return new ResponsesCall(call, input, previous, store);
    }

    /** The input as a list of items: a string is one user message, as OpenAI stores it. */
    private ArrayNode input(JsonBody body) {
        var input = body.get("input");
        if (input == null) {
            throw Refusal.missing("input");
        }
        if (input.isString()) {
            var items = json.createArrayNode();
            items.addObject().put("type", "message").put("role", "user").putArray("content").addObject()
                    .put("type", "input_text").put("text", input.stringValue());
            return items;
        }
        if (!input.isArray() || !allObjects(input)) {
            throw Refusal.invalid("input", "invalid_type", "'input' must be a string or an array of input items.");
        }
        return (ArrayNode) input;
    }

    private static void checkTools(JsonBody body) {
        var tools = body.get("tools");
        if (tools != null && (!tools.isArray() || !allObjects(tools))) {
            throw Refusal.invalid("tools", "invalid_type", "'tools' must be an array of tool objects.");
        }
        if (tools != null) {
            for (var i = 0; i < tools.size(); i++) {
                if (!tools.get(i).path("type").isString()) {
                    throw Refusal.missing("tools[" + i + "].type");
                }
            }
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (var item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }
}
