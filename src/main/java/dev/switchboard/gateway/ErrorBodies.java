package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An error answered before any controller is reached (a path or method that does not exist, a body too large, a
 * request the server could not even parse), in the dialect of the path it was sent to: Anthropic's error JSON on
 * {@code /v1/messages…}, OpenAI's elsewhere on {@code /v1/…}, RFC 9457 problem details on every other path.
 */
record ErrorBodies(String contentType, byte[] body) {

    static ErrorBodies forPath(String path, int status, String code, String message, String requestId) {
        var safePath = path == null ? "" : path;
        if (safePath.startsWith("/v1/messages")) {
            var root = JsonNodeFactory.instance.objectNode().put("type", "error");
            root.putObject("error").put("type", AnthropicErrors.typeOf(status)).put("message", message);
            root.put("request_id", requestId);
            return json("application/json", root.toString());
        }
        if (safePath.startsWith("/v1/")) {
            return json("application/json", OpenAiErrors.errorNode(message, OpenAiErrors.typeOf(status), code, null).toString());
        }
        var problem = JsonNodeFactory.instance.objectNode().put("type", "about:blank").put("title", title(status)).put("status", status)
                .put("detail", message);
        return json("application/problem+json", problem.toString());
    }

    private static ErrorBodies json(String contentType, String text) {
        return new ErrorBodies(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Server Error" : "Bad Request";
        };
    }
}
