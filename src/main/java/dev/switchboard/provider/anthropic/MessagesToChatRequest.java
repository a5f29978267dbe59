package dev.switchboard.provider.anthropic;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages request as a canonical (OpenAI chat completion) request: {@code system} as a system message,
 * content blocks as content parts, {@code tool_use} blocks as assistant {@code tool_calls}, {@code tool_result}
 * blocks as {@code tool} messages (placed before the rest of their user turn, as OpenAI wants results right after
 * the calls). {@code top_k} and a tool result's {@code is_error} have no canonical equivalent and are dropped.
 */
final class MessagesToChatRequest {

    private final JsonMapper json;
    private final boolean reasoningServed;

    MessagesToChatRequest(JsonMapper json) {
        this(json, false);
    }

    /** {@code reasoningServed}: the provider takes {@code reasoning_effort} (Gemini), so thinking is carried over. */
    MessagesToChatRequest(JsonMapper json, boolean reasoningServed) {
        this.json = json;
        this.reasoningServed = reasoningServed;
    }

    ObjectNode translate(ObjectNode request) {
        var out = json.createObjectNode();
        out.set("model", request.get("model"));
        var messages = out.putArray("messages");
        var system = text(request.get("system"), "system");
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (var message : request.path("messages")) {
            switch (message.path("role").asString("")) {
                case "user" -> user(message.get("content"), messages);
                case "assistant" -> assistant(message.get("content"), messages);
                // Claude Code sends system messages among the turns: they stay system messages, in place
                case "system" -> messages.addObject().put("role", "system").put("content", text(message.get("content"), "messages.content"));
                default -> throw AnthropicWire.invalid("messages: role must be 'user', 'assistant' or 'system'");
            }
        }
        copy(request, "max_tokens", out);
        if (request.path("stop_sequences").isArray() && !request.get("stop_sequences").isEmpty()) {
            out.set("stop", request.get("stop_sequences"));
        }
        copy(request, "temperature", out);
        copy(request, "top_p", out);
        tools(request, out);
        reasoning(request, out);
        if (request.path("metadata").path("user_id").isString()) {
            out.set("user", request.get("metadata").get("user_id"));
        }
        if (request.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    /**
     * {@code thinking} (a budget, or {@code adaptive}) or {@code output_config.effort} as the canonical
     * {@code reasoning_effort}, which the Gemini translation turns into its thinking budget. OpenAI's chat models refuse
     * {@code reasoning_effort} unless they reason, and Claude Code asks for thinking on every turn, so the setting is
     * given only where {@link #reasoningServed} says the provider takes it.
     */
    private void reasoning(ObjectNode request, ObjectNode out) {
        if (!reasoningServed) {
            return;
        }
        var effort = request.path("output_config").path("effort").asString("");
        var thinking = request.path("thinking");
        if (effort.isEmpty() && thinking.path("type").asString("").equals("enabled")) {
            var budget = thinking.path("budget_tokens").asLong(0);
            effort = budget <= 2048 ? "low" : budget <= 12288 ? "medium" : "high";
        } else if (effort.isEmpty() && thinking.path("type").asString("").equals("adaptive")) {
            effort = "auto";
        }
        if (!effort.isEmpty()) {
            out.put("reasoning_effort", effort.equals("max") ? "high" : effort);
        }
    }

    private void user(JsonNode content, ArrayNode messages) {
        if (content == null || content.isString()) {
            messages.addObject().put("role", "user").put("content", content == null ? "" : content.stringValue());
            return;
        }
        var parts = json.createArrayNode();
        for (var block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asString(""));
                case "image" -> parts.add(image(block.path("source")));
                case "tool_result" -> toolResult(block, messages, parts);
                default -> throw unsupported(block);
            }
        }
        if (!parts.isEmpty()) {
            var message = messages.addObject().put("role", "user");
            message.set("content", parts);
        }
    }

    /**
     * A tool result as a {@code tool} message with its text; images in it (a screenshot, a file the tool read) cannot be
     * in a chat {@code tool} message, so they join the user message that follows the results, in order.
     */
    private void toolResult(JsonNode block, ArrayNode messages, ArrayNode parts) {
        var result = messages.addObject().put("role", "tool");
        result.set("tool_call_id", block.get("tool_use_id"));
        var content = block.get("content");
        var text = new StringBuilder();
        if (content != null && content.isArray()) {
            for (var inner : content) {
                switch (inner.path("type").asString("")) {
                    case "text" -> text.append(text.isEmpty() ? "" : "\n\n").append(inner.path("text").asString(""));
                    case "image" -> parts.add(image(inner.path("source")));
                    default -> throw unsupported(inner);
                }
            }
        } else {
            text.append(text(content, "tool_result.content"));
        }
        result.put("content", text.toString());
    }

    private void assistant(JsonNode content, ArrayNode messages) {
        var message = messages.addObject().put("role", "assistant");
        if (content == null || content.isString()) {
            message.put("content", content == null ? "" : content.stringValue());
            return;
        }
        var text = new StringBuilder();
        for (var block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> {
                    var call = message.withArrayProperty("tool_calls").addObject();
                    call.set("id", block.get("id"));
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asString(""))
                            .put("arguments", json.writeValueAsString(block.path("input").isObject() ? block.get("input") : json.createObjectNode()));
                }
                case "thinking", "redacted_thinking" -> { } // the model's own notes: no canonical place, and not needed to continue
                default -> throw unsupported(block);
            }
        }
        if (text.isEmpty() && message.has("tool_calls")) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
    }

    private ObjectNode image(JsonNode source) {
        var part = json.createObjectNode().put("type", "image_url");
        var url = switch (source.path("type").asString("")) {
            case "base64" -> "data:" + source.path("media_type").asString("") + ";base64," + source.path("data").asString("");
            case "url" -> source.path("url").asString("");
            default -> throw AnthropicWire.invalid("Image sources of type '" + source.path("type").asString("")
                    + "' can only be sent to Anthropic models.");
        };
        part.putObject("image_url").put("url", url);
        return part;
    }

    private void tools(ObjectNode request, ObjectNode out) {
        var tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        var translated = out.putArray("tools");
        for (var tool : tools) {
            if (tool.has("type") && !tool.path("type").asString("").equals("custom")) {
                throw AnthropicWire.invalid("The server tool '" + tool.path("type").asString("") + "' is only available on Anthropic models.");
            }
            var function = translated.addObject().put("type", "function").putObject("function");
            function.set("name", tool.get("name"));
            if (tool.hasNonNull("description")) {
                function.set("description", tool.get("description"));
            }
            function.set("parameters", tool.get("input_schema"));
        }
        var choice = request.path("tool_choice");
        switch (choice.path("type").asString("")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function").put("name", choice.path("name").asString(""));
            default -> { }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    /** A string, or the text of an array of text blocks joined by blank lines. */
    private static String text(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        var text = new StringBuilder();
        for (var block : content) {
            if (!block.path("type").asString("").equals("text")) {
                throw AnthropicWire.invalid(field + ": only text blocks can be sent to this model");
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(block.path("text").asString(""));
        }
        return text.toString();
    }

    private static RuntimeException unsupported(JsonNode block) {
        return AnthropicWire.invalid("Content blocks of type '" + block.path("type").asString("") + "' can only be sent to Anthropic models.");
    }

    private static void copy(ObjectNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }
}
