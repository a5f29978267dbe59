package dev.switchboard.gateway;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reading and checking the JSON body of an OpenAI-dialect request; refusals name the field at fault. */
final class OpenAiBodies {

    private OpenAiBodies() {
    }

    static ObjectNode parse(JsonMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            throw GatewayException.invalid(null, "invalid_json",
                    "We could not parse the JSON body of your request. The body must be a valid JSON object.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid(null, "invalid_json", "The request body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    static String requireString(ObjectNode request, String field) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            throw GatewayException.missing(field);
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw GatewayException.invalid(field, "invalid_type", "'" + field + "' must be a non-empty string.");
        }
        return node.stringValue();
    }

    /** The optional string, or {@code fallback} when absent or null. */
    static String optionalString(ObjectNode request, String field, String fallback) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString()) {
            throw GatewayException.invalid(field, "invalid_type", "'" + field + "' must be a string.");
        }
        return node.stringValue();
    }

    /** The optional boolean, false when absent or null. */
    static boolean optionalBoolean(ObjectNode request, String field) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw GatewayException.invalid(field, "invalid_type", "'" + field + "' must be a boolean.");
        }
        return node.booleanValue();
    }

    /** The optional integer in {@code [min, max]}, or {@code fallback} when absent or null. */
    static int optionalInt(ObjectNode request, String field, int fallback, int min, int max) {
        var node = request.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw GatewayException.invalid(field, "invalid_value", "'" + field + "' must be an integer from " + min + " to " + max + ".");
        }
        return node.asInt();
    }
}
