package dev.switchboard.provider.anthropic;

import java.util.HashMap;
import java.util.Map;

import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Anthropic's stream events into OpenAI {@code chat.completion.chunk}s, one event at a time: a role chunk at
 * {@code message_start}, a content chunk per {@code text_delta} ({@code reasoning_content} per {@code thinking_delta}), a tool call chunk per {@code tool_use} start and
 * {@code input_json_delta}, a finish chunk at {@code message_delta}, and at {@link #complete()} the usage-only chunk.
 * Usage is reported as soon as it is known (input at the start, output at {@code message_delta}), so that a stream
 * that breaks still has its partial usage.
 */
final class MessagesToChatStream implements AnthropicEventStream.Handler {

    private final JsonMapper json;
    private final String providerId;
    private final ChatStreamListener listener;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String id = "msg";
    private String model = "";
    private long created = System.currentTimeMillis() / 1000;
    private ObjectNode usage = null;

    MessagesToChatStream(JsonMapper json, String providerId, ChatStreamListener listener) {
        this.json = json;
        this.providerId = providerId;
        this.listener = listener;
    }

    @Override
    public void on(String event, String data) {
        switch (event) {
            case "message_start" -> start(parse(data).path("message"));
            case "content_block_start" -> blockStart(parse(data));
            case "content_block_delta" -> blockDelta(parse(data));
            case "message_delta" -> messageDelta(parse(data));
            default -> { } // ping, content_block_stop, and event types added later carry nothing canonical
        }
    }

    private JsonNode parse(String data) {
        return AnthropicWire.parseEvent(json, providerId, data);
    }

    /** After {@code message_stop}: the usage-only chunk. */
    void complete() {
        var chunk = chunk();
        chunk.putArray("choices");
        chunk.set("usage", new MessageToChatResponse(json).usage(usage));
        listener.onUsageChunk(chunk.toString());
    }

    private void start(JsonNode message) {
        id = message.path("id").asString(id);
        model = message.path("model").asString(model);
        created = System.currentTimeMillis() / 1000;
        usage = message.path("usage").isObject() ? (ObjectNode) message.get("usage").deepCopy() : json.createObjectNode();
        listener.onUsage(AnthropicWire.usageOf(usage));
        emit(json.createObjectNode().put("role", "assistant").put("content", ""), null);
    }

    private void blockStart(JsonNode event) {
        var block = event.path("content_block");
        var type = block.path("type").asString("");
        if (type.equals("tool_use")) {
            var toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(event.path("index").asInt(), toolIndex);
            var call = json.createObjectNode().put("index", toolIndex);
            call.set("id", block.get("id"));
            call.put("type", "function");
            call.putObject("function").put("name", block.path("name").asString("")).put("arguments", "");
            var delta = json.createObjectNode();
            delta.putArray("tool_calls").add(call);
            emit(delta, null);
        } else if (type.equals("text") && !block.path("text").asString("").isEmpty()) {
            emit(json.createObjectNode().put("content", block.path("text").asString()), null);
        }
    }

    private void blockDelta(JsonNode event) {
        var delta = event.path("delta");
        switch (delta.path("type").asString("")) {
            case "text_delta" -> emit(json.createObjectNode().put("content", delta.path("text").asString("")), null);
            case "input_json_delta" -> {
                var toolIndex = toolIndexByBlock.get(event.path("index").asInt());
                if (toolIndex == null || delta.path("partial_json").asString("").isEmpty()) {
                    return;
                }
                var call = json.createObjectNode().put("index", toolIndex);
                call.putObject("function").put("arguments", delta.path("partial_json").asString(""));
                var out = json.createObjectNode();
                out.putArray("tool_calls").add(call);
                emit(out, null);
            }
            case "thinking_delta" -> {
                if (!delta.path("thinking").asString("").isEmpty()) {
                    emit(json.createObjectNode().put("reasoning_content", delta.path("thinking").asString("")), null);
                }
            }
            default -> { } // signature deltas: no canonical place
        }
    }

    private void messageDelta(JsonNode event) {
        var delta = event.path("usage");
        if (usage == null) {
            usage = json.createObjectNode();
        }
        delta.properties().stream().filter(e -> e.getValue().isNumber()).forEach(e -> usage.set(e.getKey(), e.getValue()));
        listener.onUsage(AnthropicWire.usageOf(usage));
        var stopReason = event.path("delta").path("stop_reason");
        if (stopReason.isString()) {
            emit(json.createObjectNode(), AnthropicWire.finishReason(stopReason.stringValue()));
        }
    }

    Usage usage() {
        return AnthropicWire.usageOf(usage);
    }

    private void emit(ObjectNode delta, String finishReason) {
        var chunk = chunk();
        var choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        listener.onChunk(chunk.toString());
    }

    private ObjectNode chunk() {
        var chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
