package dev.switchboard.conversation;

import dev.switchboard.gateway.Dialect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message's content moved between the dialects, for a conversation used from both: strings and text parts are the
 * same in both; an image is OpenAI's {@code image_url} (a data URL or a link) and Anthropic's {@code image} (a base64 or
 * URL source); any other part is passed as it is. Content in its own dialect is never touched.
 */
final class Contents {

    private Contents() {
    }

    static JsonNode in(Dialect target, Dialect written, JsonNode content) {
        if (target == written || !content.isArray()) {
            return content;
        }
        var parts = JsonNodeFactory.instance.arrayNode();
        for (var part : content) {
            parts.add(target == Dialect.ANTHROPIC ? toAnthropic(part) : toOpenAi(part));
        }
        return parts;
    }

    private static JsonNode toAnthropic(JsonNode part) {
        if (!"image_url".equals(part.path("type").asString(""))) {
            return part;
        }
        var url = part.path("image_url").path("url").asString("");
        var image = JsonNodeFactory.instance.objectNode().put("type", "image");
        var source = image.putObject("source");
        var comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
            source.put("type", "base64").put("media_type", url.substring(5, comma - 7)).put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url").put("url", url);
        }
        return image;
    }

    private static JsonNode toOpenAi(JsonNode part) {
        if (!"image".equals(part.path("type").asString(""))) {
            return part;
        }
        var source = part.path("source");
        var url = "base64".equals(source.path("type").asString(""))
                ? "data:" + source.path("media_type").asString("") + ";base64," + source.path("data").asString("")
                : source.path("url").asString("");
        var image = JsonNodeFactory.instance.objectNode().put("type", "image_url");
        image.putObject("image_url").put("url", url);
        return image;
    }

    /** The text of a content: a string as it is, the text parts of an array joined (for titles). */
    static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        var text = new StringBuilder();
        for (var part : content) {
            if ("text".equals(part.path("type").asString(""))) {
                text.append(text.isEmpty() ? "" : " ").append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }

    static ObjectNode message(String role, JsonNode content) {
        var message = JsonNodeFactory.instance.objectNode().put("role", role);
        message.set("content", content);
        return message;
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }
}
