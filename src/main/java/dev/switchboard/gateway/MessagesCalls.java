package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an Anthropic Messages request and decides its {@link MessagesCall}, refusing what Anthropic refuses with its
 * wording ({@code max_tokens: Field required}).
 */
@Component
class MessagesCalls {

    private final JsonMapper json;
    private final Routes routes;

    MessagesCalls(JsonMapper json, Routes routes) {
        this.json = json;
        this.routes = routes;
    }

    MessagesCall decide(Caller caller, byte[] body, String beta) {
        var started = System.nanoTime();
        var request = parse(body);
        var model = required(request, "model");
        if (!model.isString() || model.stringValue().isBlank()) {
            throw GatewayException.invalid("model", "invalid_type", "model: Input should be a valid string");
        }
        var maxTokens = required(request, "max_tokens");
        if (!maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
            throw GatewayException.invalid("max_tokens", "invalid_type", "max_tokens: Input should be a positive integer");
        }
        var messages = required(request, "messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "invalid_type", "messages: Input should be a non-empty list of messages");
        }
        var stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw GatewayException.invalid("stream", "invalid_type", "stream: Input should be a valid boolean");
        }
        var route = routes.resolve(caller, model.stringValue());
        ModelKinds.require(route, ModelKinds.CHAT, "/v1/messages");
        request.put("model", route.model().upstreamModel());
        return new MessagesCall(caller, route, request, model.stringValue(), stream != null && stream.asBoolean(false), beta, started);
    }

    private ObjectNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw GatewayException.invalid(null, "invalid_json", "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid(null, "invalid_json", "The request body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    private static JsonNode required(ObjectNode request, String field) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            throw GatewayException.invalid(field, "missing_required_parameter", field + ": Field required");
        }
        return node;
    }
}
