package dev.switchboard.provider.responses;

import dev.switchboard.provider.ProviderException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Content parts between the two dialects: {@code input_text} and {@code output_text} are chat's {@code text},
 * {@code input_image} is {@code image_url} (an image uploaded to OpenAI by {@code file_id} cannot be sent elsewhere),
 * {@code input_file} with inline data is chat's {@code file}.
 */
final class ContentParts {

    private ContentParts() {
    }

    /** A message's content as chat content: a string stays a string, parts become chat parts. */
    static JsonNode toChat(JsonMapper json, JsonNode content, String at) {
        if (content == null || content.isNull() || content.isString()) {
            return json.getNodeFactory().stringNode(content == null || content.isNull() ? "" : content.stringValue());
        }
        var parts = json.createArrayNode();
        for (var i = 0; i < content.size(); i++) {
            var part = content.get(i);
            var where = at + ".content[" + i + "]";
            switch (part.path("type").asString("")) {
                case "input_text", "output_text", "text" -> parts.addObject().put("type", "text").put("text", part.path("text").asString(""));
                case "refusal" -> parts.addObject().put("type", "text").put("text", part.path("refusal").asString(""));
                case "input_image" -> image(part, where, parts.addObject());
                case "input_file" -> file(part, where, parts.addObject());
                default -> throw ProviderException.notSent(where + ": content of type '" + part.path("type").asString("") + "' is served only by OpenAI.");
            }
        }
        return parts;
    }

    /** The text of an assistant message's content (chat providers take an assistant turn as one string). */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        var text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asString(part.path("refusal").asString(""))));
        return text.toString();
    }

    /** A function call's output: a string, or parts (text and images, as a tool may return a screenshot). */
    static JsonNode toolOutput(JsonMapper json, JsonNode output) {
        if (output == null || output.isNull()) {
            return json.getNodeFactory().stringNode("");
        }
        return output.isString() ? output : toChat(json, output, "function_call_output.output");
    }

    private static void image(JsonNode part, String where, tools.jackson.databind.node.ObjectNode out) {
        if (!part.path("image_url").isString()) {
            throw ProviderException.notSent(where + ": images by file_id are stored by OpenAI; send image_url (a URL or a data URL).");
        }
        var image = out.put("type", "image_url").putObject("image_url").put("url", part.get("image_url").stringValue());
        if (part.path("detail").isString()) {
            image.put("detail", part.get("detail").stringValue());
        }
    }

    private static void file(JsonNode part, String where, tools.jackson.databind.node.ObjectNode out) {
        if (!part.path("file_data").isString()) {
            throw ProviderException.notSent(where + ": files by file_id or file_url are served only by OpenAI; send file_data.");
        }
        var file = out.put("type", "file").putObject("file").put("file_data", part.get("file_data").stringValue());
        if (part.path("filename").isString()) {
            file.put("filename", part.get("filename").stringValue());
        }
    }
}
