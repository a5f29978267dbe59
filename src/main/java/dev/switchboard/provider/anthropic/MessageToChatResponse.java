package dev.switchboard.provider.anthropic;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic {@code message} as an OpenAI {@code chat.completion}: text blocks joined into {@code content},
 * {@code tool_use} blocks as {@code tool_calls} (input as a JSON text), the stop reason as a finish reason and the
 * usage with cache reads and writes counted as prompt tokens. Thinking becomes {@code reasoning_content}, as
 * DeepSeek-style chat APIs return reasoning; redacted thinking has no canonical place and is left out.
 */
final class MessageToChatResponse {

    private final JsonMapper json;

    MessageToChatResponse(JsonMapper json) {
        this.json = json;
    }

    ObjectNode translate(JsonNode message) {
        var out = json.createObjectNode();
        out.put("id", message.path("id").asString("msg"));
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", message.path("model").asString(""));
        var choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        var reply = choice.putObject("message");
        reply.put("role", "assistant");
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var hasText = false;
        for (var block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> {
                    text.append(block.path("text").asString(""));
                    hasText = true;
                }
                case "tool_use" -> {
                    var call = reply.withArrayProperty("tool_calls").addObject();
                    call.set("id", block.get("id"));
                    call.put("type", "function");
                    var function = call.putObject("function");
                    function.set("name", block.get("name"));
                    function.put("arguments", json.writeValueAsString(block.path("input").isObject() ? block.get("input") : json.createObjectNode()));
                }
                case "thinking" -> reasoning.append(block.path("thinking").asString(""));
                default -> { } // redacted_thinking, server tool blocks: nothing canonical to put them in
            }
        }
        if (hasText || !reply.has("tool_calls")) {
            reply.put("content", text.toString());
        } else {
            reply.putNull("content");
        }
        if (!reasoning.isEmpty()) {
            reply.put("reasoning_content", reasoning.toString());
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", AnthropicWire.finishReason(message.path("stop_reason").asString("end_turn")));
        out.set("usage", usage(message.path("usage")));
        return out;
    }

    /** OpenAI's usage object for Anthropic's usage. */
    ObjectNode usage(JsonNode anthropicUsage) {
        var usage = AnthropicWire.usageOf(anthropicUsage);
        var out = json.createObjectNode();
        out.put("prompt_tokens", usage.inputTokens());
        out.put("completion_tokens", usage.outputTokens());
        out.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        return out;
    }
}
