package dev.switchboard.provider.anthropic;

import java.util.HashMap;
import java.util.Map;

import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.MessagesTranslation;
import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns OpenAI {@code chat.completion.chunk}s into Anthropic's event sequence as they arrive: {@code message_start} at
 * the first chunk, a {@code content_block_start} (then one {@code ping}) when reasoning, text or a tool call begins,
 * {@code content_block_delta}s ({@code thinking_delta} for the provider's {@code reasoning_content}, {@code text_delta},
 * {@code input_json_delta}), {@code content_block_stop} when the
 * block ends; {@link #finish()} sends {@code message_delta} with the stop reason and the usage, which OpenAI reports
 * only at the end. The caller sends {@code message_stop}.
 */
final class ChatToMessagesStream implements MessagesTranslation.MessagesStream {

    private final JsonMapper json;
    private final String model;
    private final MessagesStreamListener sink;
    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
    private boolean started;
    private boolean pinged;
    private int blocks;
    private int openBlock = -1;
    private String openKind = "";
    private String stopReason = "end_turn";
    private Usage usage = Usage.NONE;

    ChatToMessagesStream(JsonMapper json, String model, MessagesStreamListener sink) {
        this.json = json;
        this.model = model;
        this.sink = sink;
    }

    @Override
    public void onChunk(String chunkJson) {
        var chunk = AnthropicWire.parseEvent(json, "serving this model", chunkJson);
        start(chunk.path("id").asString(""));
        var choice = chunk.path("choices").path(0);
        var delta = choice.path("delta");
        var reasoning = ChatToMessageResponse.reasoningOf(delta);
        if (!reasoning.isEmpty()) {
            if (openBlock < 0 || !openKind.equals("thinking")) {
                open(json.createObjectNode().put("type", "thinking").put("thinking", "").put("signature", ""), "thinking");
            }
            delta(json.createObjectNode().put("type", "thinking_delta").put("thinking", reasoning));
        }
        var text = delta.path("content").asString("");
        if (!text.isEmpty()) {
            if (openBlock < 0 || !openKind.equals("text")) {
                open(json.createObjectNode().put("type", "text").put("text", ""), "text");
            }
            delta(json.createObjectNode().put("type", "text_delta").put("text", text));
        }
        for (var call : delta.path("tool_calls")) {
            toolCall(call);
        }
        if (choice.path("finish_reason").isString()) {
            stopReason = AnthropicWire.stopReason(choice.get("finish_reason").stringValue());
            close();
        }
    }

    @Override
    public void onUsage(Usage usage) {
        this.usage = usage;
        sink.onUsage(usage);
    }

    @Override
    public void onPause() {
        sink.onPause();
    }

    @Override
    public void onUsageChunk(String chunkJson) {
        // the usage arrives through onUsage; Anthropic reports it in message_delta
    }

    @Override
    public void finish() {
        start("");
        close();
        var event = json.createObjectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        event.set("usage", new ChatToMessageResponse(json).usage(usage));
        sink.onEvent("message_delta", event.toString());
    }

    private void toolCall(JsonNode call) {
        var toolIndex = call.path("index").asInt(0);
        var block = blockByToolIndex.get(toolIndex);
        if (block == null || call.hasNonNull("id") && openBlock != block) {
            var start = json.createObjectNode().put("type", "tool_use");
            start.put("id", call.path("id").asString("toolu_" + toolIndex));
            start.put("name", call.path("function").path("name").asString(""));
            start.putObject("input");
            block = open(start, "tool_use");
            blockByToolIndex.put(toolIndex, block);
        }
        var arguments = call.path("function").path("arguments").asString("");
        if (!arguments.isEmpty()) {
            var event = json.createObjectNode().put("type", "content_block_delta").put("index", block);
            event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
            sink.onEvent("content_block_delta", event.toString());
        }
    }

    private void start(String upstreamId) {
        if (started) {
            return;
        }
        started = true;
        var event = json.createObjectNode().put("type", "message_start");
        var message = event.putObject("message");
        message.put("id", ChatToMessageResponse.messageId(upstreamId));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", new ChatToMessageResponse(json).usage(Usage.NONE));
        sink.onEvent("message_start", event.toString());
    }

    private int open(ObjectNode contentBlock, String kind) {
        close();
        openBlock = blocks++;
        openKind = kind;
        var event = json.createObjectNode().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", contentBlock);
        sink.onEvent("content_block_start", event.toString());
        if (!pinged) {
            pinged = true;
            sink.onEvent("ping", "{\"type\":\"ping\"}");
        }
        return openBlock;
    }

    private void delta(ObjectNode delta) {
        var event = json.createObjectNode().put("type", "content_block_delta").put("index", openBlock);
        event.set("delta", delta);
        sink.onEvent("content_block_delta", event.toString());
    }

    private void close() {
        if (openBlock < 0) {
            return;
        }
        sink.onEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + openBlock + "}");
        openBlock = -1;
    }
}
