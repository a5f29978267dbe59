package dev.switchboard.provider.gemini;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a JSON Schema into the OpenAPI subset that Gemini's {@code Schema} accepts. Gemini rejects unknown keys
 * (for example {@code additionalProperties}, {@code $schema}, {@code strict}, {@code $ref}), so only the keys its
 * {@code Schema} documents are kept; {@code "type": ["string","null"]} becomes {@code "type":"string","nullable":true}
 * and {@code const} becomes a one-value {@code enum}.
 */
final class GeminiSchemas {

    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum", "maxItems",
            "minItems", "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example",
            "propertyOrdering", "default", "minimum", "maximum");

    private GeminiSchemas() {
    }

    static ObjectNode clean(JsonMapper json, JsonNode schema) {
        var out = json.createObjectNode();
        for (var entry : schema.properties()) {
            var key = entry.getKey();
            var value = entry.getValue();
            switch (key) {
                case "type" -> type(out, value);
                case "const" -> out.putArray("enum").add(value);
                case "properties" -> {
                    var properties = out.putObject("properties");
                    for (var property : value.properties()) {
                        properties.set(property.getKey(), clean(json, property.getValue()));
                    }
                }
                case "items" -> out.set("items", clean(json, value));
                case "anyOf" -> {
                    var any = out.putArray("anyOf");
                    value.forEach(option -> any.add(clean(json, option)));
                }
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value);
                    }
                }
            }
        }
        return out;
    }

    private static void type(ObjectNode out, JsonNode value) {
        if (!value.isArray()) {
            out.set("type", value);
            return;
        }
        for (var type : value) {
            if (type.asString("").equals("null")) {
                out.put("nullable", true);
            } else if (!out.has("type")) {
                out.set("type", type);
            }
        }
    }
}
