package dev.switchboard.provider.gemini;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} become one Gemini tool with {@code functionDeclarations} (parameters cleaned by
 * {@link GeminiSchemas}); {@code tool_choice} becomes {@code toolConfig.functionCallingConfig}: none → NONE,
 * auto → AUTO, required → ANY, a named function → ANY with {@code allowedFunctionNames}.
 */
final class GeminiTools {

    private GeminiTools() {
    }

    static void translate(JsonMapper json, ObjectNode openAi, ObjectNode gemini) {
        var tools = openAi.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            var declarations = gemini.putArray("tools").addObject().putArray("functionDeclarations");
            for (var tool : tools) {
                if (!tool.path("type").asString("function").equals("function")) {
                    throw GeminiRequests.invalid("Only function tools can be sent to Gemini models.");
                }
                var function = tool.path("function");
                var declaration = declarations.addObject();
                declaration.put("name", function.path("name").asString(""));
                if (function.path("description").isString()) {
                    declaration.put("description", function.path("description").stringValue());
                }
                var parameters = function.path("parameters");
                if (parameters.isObject() && !parameters.path("properties").isEmpty()) {
                    declaration.set("parameters", GeminiSchemas.clean(json, parameters));
                }
            }
        }
        var choice = openAi.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        var config = gemini.putObject("toolConfig").putObject("functionCallingConfig");
        if (choice.isString()) {
            config.put("mode", switch (choice.stringValue()) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
            });
            return;
        }
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asString(""));
    }
}
