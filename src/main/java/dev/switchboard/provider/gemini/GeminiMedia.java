package dev.switchboard.provider.gemini;

import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Media parts: {@code data:} URLs become {@code inlineData}; http(s) URLs become {@code fileData} with a guessed type. */
final class GeminiMedia {

    private GeminiMedia() {
    }

    static ObjectNode imagePart(JsonMapper json, String url) {
        if (url.startsWith("data:")) {
            var comma = url.indexOf(',');
            var header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw GeminiRequests.invalid("A data: URL in a content part must be base64-encoded (data:<type>;base64,<data>).");
            }
            return inline(json, header.substring(0, header.length() - ";base64".length()), url.substring(comma + 1));
        }
        if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("gs://")) {
            var part = json.createObjectNode();
            var file = part.putObject("fileData");
            file.put("mimeType", mimeTypeOf(url));
            file.put("fileUri", url);
            return part;
        }
        throw GeminiRequests.invalid("An image URL must be a data: URL or an http(s) URL.");
    }

    static ObjectNode inline(JsonMapper json, String mimeType, String base64) {
        var part = json.createObjectNode();
        var inline = part.putObject("inlineData");
        inline.put("mimeType", mimeType);
        inline.put("data", base64);
        return part;
    }

    private static String mimeTypeOf(String url) {
        var path = url.toLowerCase(Locale.ROOT);
        var query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".pdf")) {
            return "application/pdf";
        }
        return "image/jpeg";
    }
}
