package dev.switchboard.provider.anthropic;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The content of one canonical message as Anthropic content blocks: text parts, images ({@code data:} URLs as base64
 * sources, other URLs as url sources), assistant tool calls as {@code tool_use}, tool messages as {@code tool_result}.
 */
final class ChatToMessagesContent {

    private final JsonMapper json;

    ChatToMessagesContent(JsonMapper json) {
        this.json = json;
    }

    /** Text blocks of a string or of an array of text parts (system prompts, tool results). */
    ArrayNode textBlocks(JsonNode content) {
        var blocks = json.createArrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            if (!content.stringValue().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.stringValue());
            }
            return blocks;
        }
        for (var part : content) {
            var type = part.path("type").asString("");
            if (!type.equals("text") && !type.equals("refusal")) {
                throw AnthropicWire.invalid("Content parts of type '" + type + "' are not allowed here for Anthropic models.");
            }
            var text = part.path(type.equals("text") ? "text" : "refusal").asString("");
            if (!text.isEmpty()) {
                blocks.addObject().put("type", "text").put("text", text);
            }
        }
        return blocks;
    }

    ArrayNode userBlocks(JsonNode content) {
        if (content == null || !content.isArray()) {
            return textBlocks(content);
        }
        var blocks = json.createArrayNode();
        for (var part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asString(""));
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asString("")));
                default -> throw AnthropicWire.invalid("Content parts of type '" + part.path("type").asString("")
                        + "' cannot be sent to an Anthropic model.");
            }
        }
        return blocks;
    }

    ArrayNode assistantBlocks(JsonNode message) {
        var blocks = textBlocks(message.get("content"));
        for (var call : message.path("tool_calls")) {
            var block = blocks.addObject();
            block.put("type", "tool_use");
            block.set("id", call.get("id"));
            block.set("name", call.path("function").get("name"));
            block.set("input", arguments(call.path("function").path("arguments").asString("")));
        }
        return blocks;
    }

    ArrayNode toolResult(JsonNode message) {
        var blocks = json.createArrayNode();
        var result = blocks.addObject();
        result.put("type", "tool_result");
        result.set("tool_use_id", message.get("tool_call_id"));
        var content = message.get("content");
        if (content != null && content.isString()) {
            result.put("content", content.stringValue());
        } else {
            result.set("content", textBlocks(content));
        }
        return blocks;
    }

    private ObjectNode image(String url) {
        var block = json.createObjectNode().put("type", "image");
        var source = block.putObject("source");
        if (url.startsWith("data:")) {
            var comma = url.indexOf(',');
            var meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw AnthropicWire.invalid("Image data URLs must be base64 encoded (data:<media type>;base64,<data>).");
            }
            source.put("type", "base64");
            source.put("media_type", meta.substring(0, meta.length() - ";base64".length()));
            source.put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    /** Tool arguments are a JSON text in OpenAI's format and an object in Anthropic's. */
    private JsonNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            var parsed = json.readTree(arguments);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (JacksonException e) {
            // fall through: the model wrote arguments that are not an object
        }
        throw AnthropicWire.invalid("Tool call arguments must be a JSON object to be sent to an Anthropic model.");
    }
}
