package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI {@code chat.completion} as an Anthropic {@code message}: the content as a text block, tool calls as
 * {@code tool_use} blocks (arguments parsed into {@code input}), the finish reason as a stop reason, and the usage
 * split as Anthropic counts it (cached prompt tokens as {@code cache_read_input_tokens}, apart from
 * {@code input_tokens}).
 */
final class ChatToMessageResponse {

    private final JsonMapper json;

    ChatToMessageResponse(JsonMapper json) {
        this.json = json;
    }

    ObjectNode translate(JsonNode completion, String model) {
        var out = json.createObjectNode();
        out.put("id", messageId(completion.path("id").asString("")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", model);
        var content = out.putArray("content");
        var choice = completion.path("choices").path(0);
        var message = choice.path("message");
        var reasoning = reasoningOf(message);
        if (!reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
        }
        var text = message.path("content").asString("");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (var call : message.path("tool_calls")) {
            var block = content.addObject().put("type", "tool_use");
            block.set("id", call.get("id"));
            block.set("name", call.path("function").get("name"));
            block.set("input", input(call.path("function").path("arguments").asString("")));
        }
        out.put("stop_reason", AnthropicWire.stopReason(choice.path("finish_reason").asString(null)));
        out.putNull("stop_sequence");
        out.set("usage", usage(completionUsage(completion.path("usage"))));
        return out;
    }

    /**
     * The reasoning a chat provider returned beside its answer ({@code reasoning_content}, as DeepSeek, Groq, OpenRouter
     * and Switchboard's Gemini translation write it, or {@code reasoning}): Anthropic's clients read it as a thinking
     * block, without a signature since no Claude model wrote it.
     */
    static String reasoningOf(JsonNode messageOrDelta) {
        var reasoning = messageOrDelta.path("reasoning_content");
        return reasoning.isString() ? reasoning.stringValue() : messageOrDelta.path("reasoning").asString("");
    }

    /** Anthropic's usage object for canonical usage: uncached input, cache reads, no cache writes, output. */
    ObjectNode usage(Usage usage) {
        var out = json.createObjectNode();
        out.put("input_tokens", usage.inputTokens() - usage.cachedInputTokens());
        out.put("cache_creation_input_tokens", 0);
        out.put("cache_read_input_tokens", usage.cachedInputTokens());
        out.put("output_tokens", usage.outputTokens());
        return out;
    }

    static Usage completionUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.NONE;
        }
        return Usage.reported(Usage.count(usage.path("prompt_tokens")), Usage.count(usage.path("completion_tokens")),
                Usage.count(usage.path("prompt_tokens_details").path("cached_tokens")));
    }

    /** Anthropic's ids start with {@code msg_}; clients and logs recognise them by it. */
    static String messageId(String upstreamId) {
        if (upstreamId.startsWith("msg_")) {
            return upstreamId;
        }
        var cleaned = upstreamId.replaceAll("[^A-Za-z0-9]", "");
        return "msg_" + (cleaned.isEmpty() ? Long.toHexString(System.nanoTime()) : cleaned);
    }

    private JsonNode input(String arguments) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            var parsed = json.readTree(arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }
}
