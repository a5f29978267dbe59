package dev.switchboard.provider.gemini;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.provider.ProviderException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a canonical (OpenAI chat) request into a Gemini {@code GenerateContentRequest}: system and developer
 * messages become {@code systemInstruction}; user/assistant become user/model {@code contents} (consecutive turns of
 * one role merged, as Gemini expects one function-response turn per function-call turn); images become
 * {@code inlineData} (data: URLs) or {@code fileData} (other URLs); tool calls and tool results become
 * {@code functionCall} / {@code functionResponse} parts; tools, tool_choice and sampling options go to
 * {@code tools}, {@code toolConfig} and {@code generationConfig}. A request Gemini cannot express is refused with
 * {@link ProviderException#notSent} before any upstream call.
 */
final class GeminiRequests {

    private final JsonMapper json;

    GeminiRequests(JsonMapper json) {
        this.json = json;
    }

    ObjectNode toGemini(ObjectNode openAi) {
        var gemini = json.createObjectNode();
        var contents = gemini.putArray("contents");
        var system = new StringBuilder();
        Map<String, String> toolNames = new HashMap<>();
        for (var message : openAi.path("messages")) {
            var role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> appendSystem(system, message.path("content"));
                case "user" -> addContent(contents, "user", userParts(message.path("content")));
                case "assistant" -> addContent(contents, "model", assistantParts(message, toolNames));
                case "tool", "function" -> addContent(contents, "user", toolResultParts(message, toolNames));
                default -> throw invalid("The message role '" + role + "' is not supported.");
            }
        }
        if (!system.isEmpty()) {
            gemini.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        GeminiTools.translate(json, openAi, gemini);
        var config = generationConfig(openAi);
        if (!config.isEmpty()) {
            gemini.set("generationConfig", config);
        }
        return gemini;
    }

    private static void appendSystem(StringBuilder system, JsonNode content) {
        var text = textOf(content);
        if (!text.isEmpty()) {
            system.append(system.isEmpty() ? "" : "\n\n").append(text);
        }
    }

    private static void addContent(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        var last = contents.isEmpty() ? null : (ObjectNode) contents.get(contents.size() - 1);
        if (last != null && last.path("role").asString("").equals(role)) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        var content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    private ArrayNode userParts(JsonNode content) {
        var parts = json.createArrayNode();
        if (content.isString()) {
            parts.addObject().put("text", content.stringValue());
            return parts;
        }
        for (var part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> parts.addObject().put("text", part.path("text").asString(""));
                case "image_url" -> parts.add(GeminiMedia.imagePart(json, part.path("image_url").path("url").asString("")));
                case "input_audio" -> parts.add(GeminiMedia.inline(json, "audio/" + part.path("input_audio").path("format").asString("wav"),
                        part.path("input_audio").path("data").asString("")));
                case "file" -> parts.add(GeminiMedia.imagePart(json, part.path("file").path("file_data").asString("")));
                default -> throw invalid("The content part type '" + part.path("type").asString("") + "' is not supported for Gemini models.");
            }
        }
        return parts;
    }

    private ArrayNode assistantParts(JsonNode message, Map<String, String> toolNames) {
        var parts = json.createArrayNode();
        var text = textOf(message.path("content"));
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
        for (var call : message.path("tool_calls")) {
            var name = call.path("function").path("name").asString("");
            toolNames.put(call.path("id").asString(""), name);
            var functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", parseArguments(call.path("function").path("arguments").asString("{}")));
        }
        return parts;
    }

    private ArrayNode toolResultParts(JsonNode message, Map<String, String> toolNames) {
        var name = message.has("name") ? message.path("name").asString("")
                : toolNames.get(message.path("tool_call_id").asString(""));
        if (name == null || name.isEmpty()) {
            throw invalid("A tool message answers tool_call_id '" + message.path("tool_call_id").asString("")
                    + "', which no earlier assistant message called.");
        }
        var parts = json.createArrayNode();
        var response = parts.addObject().putObject("functionResponse");
        response.put("name", name);
        var text = textOf(message.path("content"));
        JsonNode parsed = null;
        try {
            parsed = json.readTree(text);
        } catch (RuntimeException ignored) {
            // plain text results are wrapped below
        }
        // Gemini wants a JSON object; google-genai's convention puts other results under "output"
        response.set("response", parsed != null && parsed.isObject() ? parsed : json.createObjectNode().put("output", text));
        return parts;
    }

    private JsonNode parseArguments(String arguments) {
        try {
            var parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw invalid("The arguments of a tool call must be a JSON object.");
    }

    /**
     * {@code reasoning_effort} as Gemini's thinking budget (every Gemini 2.5 model thinks; the budget bounds it), with
     * the thought summaries asked for so that they can be returned as reasoning.
     */
    private void thinking(JsonNode effort, ObjectNode config) {
        if (!effort.isString()) {
            return;
        }
        var budget = switch (effort.stringValue()) {
            case "minimal", "low" -> 1024;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> -1; // Gemini's own choice (dynamic thinking)
        };
        config.putObject("thinkingConfig").put("thinkingBudget", budget).put("includeThoughts", true);
    }

    private ObjectNode generationConfig(ObjectNode openAi) {
        var config = json.createObjectNode();
        copy(openAi, "temperature", config, "temperature");
        copy(openAi, "top_p", config, "topP");
        copy(openAi, "max_tokens", config, "maxOutputTokens");
        copy(openAi, "max_completion_tokens", config, "maxOutputTokens");
        copy(openAi, "n", config, "candidateCount");
        copy(openAi, "presence_penalty", config, "presencePenalty");
        copy(openAi, "frequency_penalty", config, "frequencyPenalty");
        copy(openAi, "seed", config, "seed");
        var stop = openAi.path("stop");
        if (stop.isString()) {
            config.putArray("stopSequences").add(stop.stringValue());
        } else if (stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop);
        }
        thinking(openAi.path("reasoning_effort"), config);
        var format = openAi.path("response_format");
        switch (format.path("type").asString("text").toLowerCase(Locale.ROOT)) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                var schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseSchema", GeminiSchemas.clean(json, schema));
                }
            }
            default -> { } // plain text is Gemini's default
        }
        return config;
    }

    private static void copy(ObjectNode from, String field, ObjectNode to, String geminiField) {
        var value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(geminiField, value);
        }
    }

    static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        var text = new StringBuilder();
        for (var part : content) {
            if (part.path("type").asString("").equals("text")) {
                text.append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }

    static ProviderException invalid(String message) {
        return ProviderException.notSent(message);
    }
}
