package dev.switchboard.provider.responses;

import java.nio.charset.StandardCharsets;

import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.ResponsesStreamListener;
import dev.switchboard.provider.ResponsesTranslation.ResponsesStream;
import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a canonical chat stream into the Responses events, in OpenAI's order and numbered from 0: at the first chunk
 * {@code response.created} and {@code response.in_progress}; then one output item at a time, opened with
 * {@code response.output_item.added} and closed with {@code response.output_item.done} before the next opens — a
 * message ({@code content_part.added}, {@code output_text.delta}s, {@code output_text.done}, {@code content_part.done}),
 * a function call ({@code function_call_arguments.delta}s and {@code .done}), a custom tool's call (its input, once
 * complete, as {@code custom_tool_call_input.delta} and {@code .done}), or the provider's reasoning
 * ({@code reasoning_summary_part.added}, {@code reasoning_summary_text.delta}s and {@code .done},
 * {@code reasoning_summary_part.done}). {@link #finish} closes the open item and returns {@code response.completed}
 * (or {@code response.incomplete}) with the usage, for the pipeline to send once the call is recorded.
 */
final class ChatToResponsesStream implements ResponsesStream {

    private final JsonMapper json;
    private final ResponseObjects objects;
    private final ResponsesStreamListener sink;
    private final ObjectNode request;
    private final ArrayNode output;
    private final java.util.Set<String> customTools;
    private ObjectNode shell;
    private int sequence;
    private OpenItem open;
    private String finishReason;
    private JsonNode chatUsage;
    private Usage usage = Usage.NONE;

    ChatToResponsesStream(JsonMapper json, ObjectNode request, ResponsesStreamListener sink) {
        this.json = json;
        this.objects = new ResponseObjects(json);
        this.sink = sink;
        this.request = request;
        this.output = json.createArrayNode();
        this.customTools = ToolsTranslation.customTools(request);
    }

    /** The item being streamed: its kind, id, index in {@code output}, and the text (or arguments) so far. */
    private static final class OpenItem {
        final String kind;
        final String id;
        final int index;
        final StringBuilder text = new StringBuilder();
        String callId;
        String name;
        int toolIndex = -1;

        OpenItem(String kind, String id, int index) {
            this.kind = kind;
            this.id = id;
            this.index = index;
        }
    }

    @Override
    public void onChunk(String chunkJson) {
        var chunk = json.readTree(chunkJson);
        start(chunk);
        if (chunk.path("usage").isObject()) {
            chatUsage = chunk.get("usage");
        }
        var choice = chunk.path("choices").path(0);
        var delta = choice.path("delta");
        var reasoning = ChatToResponse.reasoningOf(delta);
        if (reasoning != null) {
            reasoningDelta(reasoning);
        }
        if (delta.path("content").isString() && !delta.get("content").stringValue().isEmpty()) {
            textDelta(delta.get("content").stringValue());
        }
        delta.path("tool_calls").forEach(this::toolCallDelta);
        if (choice.path("finish_reason").isString()) {
            finishReason = choice.get("finish_reason").stringValue();
        }
    }

    @Override
    public void onUsage(Usage usage) {
        this.usage = usage;
        sink.onUsage(usage);
    }

    @Override
    public void onUsageChunk(String chunkJson) {
        var chunk = json.readTree(chunkJson);
        start(chunk);
        if (chunk.path("usage").isObject()) {
            chatUsage = chunk.get("usage");
        }
    }

    @Override
    public void onPause() {
        sink.onPause();
    }

    @Override
    public ResponsesReply finish() {
        start(json.createObjectNode());
        close();
        var response = objects.finished(shell, output, finishReason, objects.usage(chatUsage == null ? json.createObjectNode() : chatUsage, usage));
        var type = "completed".equals(response.path("status").asString()) ? "response.completed" : "response.incomplete";
        var event = event(type);
        event.set("response", response);
        return new ResponsesReply(type, event.toString().getBytes(StandardCharsets.UTF_8), usage);
    }

    private void start(JsonNode chunk) {
        if (shell != null) {
            return;
        }
        shell = objects.shell(ResponseObjects.id("resp"), chunk.path("created").asLong(System.currentTimeMillis() / 1000), request);
        emit(event("response.created").set("response", shell));
        emit(event("response.in_progress").set("response", shell));
    }

    private void textDelta(String text) {
        if (open == null || !open.kind.equals("message")) {
            close();
            open = new OpenItem("message", ResponseObjects.id("msg"), output.size());
            emit(added(objects.messageItem(open.id, "in_progress", null, null)));
            emit(part("response.content_part.added", objects.outputText("")));
        }
        open.text.append(text);
        emit(at(event("response.output_text.delta")).put("content_index", 0).put("delta", text).set("logprobs", json.createArrayNode()));
    }

    private void reasoningDelta(String text) {
        if (open == null || !open.kind.equals("reasoning")) {
            close();
            open = new OpenItem("reasoning", ResponseObjects.id("rs"), output.size());
            emit(added(objects.reasoningItem(open.id, null)));
            emit(summary("response.reasoning_summary_part.added").set("part", summaryPart("")));
        }
        open.text.append(text);
        emit(summary("response.reasoning_summary_text.delta").put("delta", text));
    }

    private void toolCallDelta(JsonNode call) {
        var index = call.path("index").asInt(0);
        if (open == null || !(open.kind.equals("function_call") || open.kind.equals("custom_tool_call")) || open.toolIndex != index) {
            close();
            var name = call.path("function").path("name").asString("");
            var custom = customTools.contains(name);
            open = new OpenItem(custom ? "custom_tool_call" : "function_call", ResponseObjects.id(custom ? "ctc" : "fc"), output.size());
            open.toolIndex = index;
            open.callId = call.path("id").asString(ResponseObjects.id("call"));
            open.name = name;
            emit(added(custom ? objects.customToolCallItem(open.id, "in_progress", open.callId, name, "")
                    : objects.functionCallItem(open.id, "in_progress", open.callId, name, "")));
        }
        var arguments = call.path("function").path("arguments").asString("");
        if (!arguments.isEmpty()) {
            open.text.append(arguments);
            if (open.kind.equals("function_call")) {
                emit(at(event("response.function_call_arguments.delta")).put("delta", arguments));
            }
        }
    }

    /** Ends the open item with its closing events and adds it, finished, to the output. */
    private void close() {
        if (open == null) {
            return;
        }
        var text = open.text.toString();
        ObjectNode item = switch (open.kind) {
            case "message" -> {
                emit(at(event("response.output_text.done")).put("content_index", 0).put("text", text).set("logprobs", json.createArrayNode()));
                emit(part("response.content_part.done", objects.outputText(text)));
                yield objects.messageItem(open.id, "completed", text, null);
            }
            case "reasoning" -> {
                emit(summary("response.reasoning_summary_text.done").put("text", text));
                emit(summary("response.reasoning_summary_part.done").set("part", summaryPart(text)));
                yield objects.reasoningItem(open.id, text);
            }
            case "custom_tool_call" -> {
                // the input arrives wrapped in the function's JSON arguments: it is sent whole once they are complete
                var input = ToolsTranslation.customInput(json, text);
                emit(at(event("response.custom_tool_call_input.delta")).put("delta", input));
                emit(at(event("response.custom_tool_call_input.done")).put("input", input));
                yield objects.customToolCallItem(open.id, "completed", open.callId, open.name, input);
            }
            default -> {
                emit(at(event("response.function_call_arguments.done")).put("name", open.name).put("arguments", text));
                yield objects.functionCallItem(open.id, "completed", open.callId, open.name, text);
            }
        };
        output.add(item);
        emit(event("response.output_item.done").put("output_index", open.index).set("item", item));
        open = null;
    }

    private ObjectNode added(ObjectNode item) {
        return event("response.output_item.added").put("output_index", open.index).set("item", item);
    }

    private ObjectNode part(String type, ObjectNode part) {
        return at(event(type)).put("content_index", 0).set("part", part);
    }

    private ObjectNode summary(String type) {
        return at(event(type)).put("summary_index", 0);
    }

    private ObjectNode summaryPart(String text) {
        return json.createObjectNode().put("type", "summary_text").put("text", text);
    }

    private ObjectNode at(ObjectNode event) {
        return event.put("item_id", open.id).put("output_index", open.index);
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type).put("sequence_number", sequence++);
    }

    private void emit(JsonNode event) {
        sink.onEvent(event.path("type").asString(), event.toString());
    }
}
