package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads an OpenAI chat request and decides its {@link ChatCall}, or refuses it with the field at fault named. */
@Component
class ChatCalls {

    private final JsonMapper json;
    private final Routes routes;

    ChatCalls(JsonMapper json, Routes routes) {
        this.json = json;
        this.routes = routes;
    }

    ChatCall decide(Caller caller, byte[] body) {
        var started = System.nanoTime();
        var request = parse(body);
        var modelName = requireString(request, "model");
        var messages = request.get("messages");
        if (messages == null || messages.isNull()) {
            throw GatewayException.missing("messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "invalid_type", "'messages' must be a non-empty array of message objects.");
        }
        var stream = flag(request, "stream");
        var options = request.get("stream_options");
        var wantsUsage = options != null && options.isObject() && options.path("include_usage").asBoolean(false);
        var route = routes.resolve(caller, modelName);
        ModelKinds.require(route, ModelKinds.CHAT, "/v1/chat/completions");
        request.put("model", route.model().upstreamModel());
        return new ChatCall(caller, route, request, stream, wantsUsage, started);
    }

    private ObjectNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw GatewayException.invalid(null, "invalid_json",
                    "We could not parse the JSON body of your request. The body must be a valid JSON object.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid(null, "invalid_json", "The request body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    private static String requireString(ObjectNode request, String field) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            throw GatewayException.missing(field);
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw GatewayException.invalid(field, "invalid_type", "'" + field + "' must be a non-empty string.");
        }
        return node.stringValue();
    }

    private static boolean flag(ObjectNode request, String field) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw GatewayException.invalid(field, "invalid_type", "'" + field + "' must be a boolean.");
        }
        return node.booleanValue();
    }
}
