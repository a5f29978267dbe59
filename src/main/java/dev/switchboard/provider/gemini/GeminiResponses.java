package dev.switchboard.provider.gemini;

import java.util.UUID;

import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates Gemini {@code GenerateContentResponse}s into OpenAI's {@code chat.completion} and
 * {@code chat.completion.chunk}: text parts become content (thought summaries {@code reasoning_content}, as DeepSeek-style chat APIs return reasoning), {@code functionCall} parts
 * become tool calls, {@code finishReason} becomes {@code finish_reason}, {@code usageMetadata} becomes usage
 * (prompt + tool-use prompt tokens as input, candidates + thoughts tokens as output, cached content tokens as cached).
 */
final class GeminiResponses {

    private final JsonMapper json;

    GeminiResponses(JsonMapper json) {
        this.json = json;
    }

    static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    ObjectNode completion(JsonNode gemini, String model) {
        var root = json.createObjectNode();
        root.put("id", newId());
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", gemini.path("modelVersion").asString(model));
        var choices = root.putArray("choices");
        var candidates = gemini.path("candidates");
        if (candidates.isEmpty()) {
            // the prompt itself was blocked (promptFeedback.blockReason): no candidate at all
            var choice = choices.addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").putNull("content");
            choice.putNull("logprobs");
            choice.put("finish_reason", "content_filter");
        }
        for (var candidate : candidates) {
            var choice = choices.addObject();
            choice.put("index", candidate.path("index").asInt(choices.size() - 1));
            var message = choice.putObject("message");
            message.put("role", "assistant");
            var text = text(candidate, false);
            var toolCalls = toolCalls(candidate, -1);
            var thoughts = text(candidate, true);
            if (!thoughts.isEmpty()) {
                message.put("reasoning_content", thoughts);
            }
            if (text.isEmpty() && !toolCalls.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", text);
            }
            if (!toolCalls.isEmpty()) {
                message.set("tool_calls", toolCalls);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(candidate.path("finishReason").asString(null), !toolCalls.isEmpty()));
        }
        root.set("usage", usageJson(usage(gemini.path("usageMetadata")), gemini.path("usageMetadata")));
        return root;
    }

    /**
     * What one translated stream keeps across Gemini's responses: its id, model and creation time (the same on every
     * chunk, as OpenAI's), and per candidate whether the role was sent, how many tool calls were sent (each one's
     * {@code index} is unique in the stream, so clients never merge two calls) and whether any was.
     */
    static final class Stream {
        private final String id = newId();
        private final String model;
        private final long created = System.currentTimeMillis() / 1000;
        private final boolean[] roleSent;
        private final int[] toolCallsSent;

        Stream(String model, int choices) {
            this.model = model;
            this.roleSent = new boolean[Math.max(1, choices)];
            this.toolCallsSent = new int[roleSent.length];
        }
    }

    /** The chunks for one streamed Gemini response: one per candidate that has something to say. */
    ArrayNode chunks(JsonNode gemini, Stream stream) {
        var chunks = json.createArrayNode();
        for (var candidate : gemini.path("candidates")) {
            var index = candidate.path("index").asInt(0);
            var known = index < stream.roleSent.length;
            var delta = json.createObjectNode();
            if (known && !stream.roleSent[index]) {
                delta.put("role", "assistant");
                stream.roleSent[index] = true;
            }
            var thoughts = text(candidate, true);
            if (!thoughts.isEmpty()) {
                delta.put("reasoning_content", thoughts);
            }
            var text = text(candidate, false);
            if (!text.isEmpty()) {
                delta.put("content", text);
            }
            var toolCalls = toolCalls(candidate, known ? stream.toolCallsSent[index] : 0);
            if (!toolCalls.isEmpty()) {
                delta.set("tool_calls", toolCalls);
                if (known) {
                    stream.toolCallsSent[index] += toolCalls.size();
                }
            }
            var reason = candidate.path("finishReason").asString(null);
            if (delta.isEmpty() && reason == null) {
                continue;
            }
            var chunk = chunk(stream);
            var choice = chunk.putArray("choices").addObject();
            choice.put("index", index);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (reason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason(reason, known ? stream.toolCallsSent[index] > 0 : !toolCalls.isEmpty()));
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    ObjectNode usageChunk(Stream stream, Usage usage, JsonNode metadata) {
        var chunk = chunk(stream);
        chunk.putArray("choices");
        chunk.set("usage", usageJson(usage, metadata));
        return chunk;
    }

    private ObjectNode chunk(Stream stream) {
        var chunk = json.createObjectNode();
        chunk.put("id", stream.id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", stream.created);
        chunk.put("model", stream.model);
        return chunk;
    }

    /** The candidate's answer text, or ({@code thoughts}) the thought summaries Gemini returns with {@code includeThoughts}. */
    private static String text(JsonNode candidate, boolean thoughts) {
        var text = new StringBuilder();
        for (var part : candidate.path("content").path("parts")) {
            if (part.path("text").isString() && part.path("thought").asBoolean(false) == thoughts) {
                text.append(part.path("text").stringValue());
            }
        }
        return text.toString();
    }

    /** The candidate's function calls as tool calls; streamed ones ({@code firstIndex >= 0}) are numbered from it. */
    private ArrayNode toolCalls(JsonNode candidate, int firstIndex) {
        var calls = json.createArrayNode();
        for (var part : candidate.path("content").path("parts")) {
            var call = part.path("functionCall");
            if (!call.isObject()) {
                continue;
            }
            var toolCall = calls.addObject();
            if (firstIndex >= 0) {
                toolCall.put("index", firstIndex + calls.size() - 1);
            }
            toolCall.put("id", call.path("id").isString() ? call.path("id").stringValue()
                    : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            toolCall.put("type", "function");
            var function = toolCall.putObject("function");
            function.put("name", call.path("name").asString(""));
            function.put("arguments", json.writeValueAsString(call.path("args").isObject() ? call.path("args") : json.createObjectNode()));
        }
        return calls;
    }

    /** Gemini's {@code FinishReason} in OpenAI's words; a finished turn that called functions is {@code tool_calls}. */
    static String finishReason(String gemini, boolean calledTools) {
        if (gemini == null) {
            return null;
        }
        return switch (gemini) {
            case "STOP" -> calledTools ? "tool_calls" : "stop";
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    static Usage usage(JsonNode metadata) {
        if (!metadata.isObject()) {
            return Usage.NONE;
        }
        var input = Usage.count(metadata.path("promptTokenCount")) + Usage.count(metadata.path("toolUsePromptTokenCount"));
        var output = Usage.count(metadata.path("candidatesTokenCount")) + Usage.count(metadata.path("thoughtsTokenCount"));
        return Usage.reported(input, output, Usage.count(metadata.path("cachedContentTokenCount")));
    }

    private ObjectNode usageJson(Usage usage, JsonNode metadata) {
        var json = this.json.createObjectNode();
        json.put("prompt_tokens", usage.inputTokens());
        json.put("completion_tokens", usage.outputTokens());
        json.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        json.putObject("completion_tokens_details").put("reasoning_tokens", metadata.path("thoughtsTokenCount").asLong(0));
        return json;
    }
}
