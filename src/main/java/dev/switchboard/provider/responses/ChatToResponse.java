package dev.switchboard.provider.responses;

import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole {@code chat.completion} as a {@code response} object: the reasoning the provider returned (as
 * {@code reasoning_content} or {@code reasoning}) becomes a reasoning item with its summary, the text (or refusal) one
 * message item, each tool call one {@code function_call} item (a {@code custom_tool_call} for a custom tool), in that order; a cut-off answer is {@code incomplete}.
 */
final class ChatToResponse {

    private final ResponseObjects objects;
    private final JsonMapper json;

    ChatToResponse(JsonMapper json) {
        this.json = json;
        this.objects = new ResponseObjects(json);
    }

    ObjectNode translate(JsonNode completion, ObjectNode request, Usage usage) {
        var shell = objects.shell(ResponseObjects.id("resp"), completion.path("created").asLong(System.currentTimeMillis() / 1000), request);
        var choice = completion.path("choices").path(0);
        var message = choice.path("message");
        var output = json.createArrayNode();
        var reasoning = reasoningOf(message);
        if (reasoning != null) {
            output.add(objects.reasoningItem(ResponseObjects.id("rs"), reasoning));
        }
        var text = message.path("content").isString() && !message.path("content").stringValue().isEmpty() ? message.get("content").stringValue() : null;
        var refusal = message.path("refusal").isString() ? message.get("refusal").stringValue() : null;
        if (text != null || refusal != null) {
            output.add(objects.messageItem(ResponseObjects.id("msg"), "completed", text, refusal));
        }
        var custom = ToolsTranslation.customTools(request);
        for (var call : message.path("tool_calls")) {
            var name = call.path("function").path("name").asString("");
            var arguments = call.path("function").path("arguments").asString("");
            output.add(custom.contains(name)
                    ? objects.customToolCallItem(ResponseObjects.id("ctc"), "completed", call.path("id").asString(""), name,
                            ToolsTranslation.customInput(json, arguments))
                    : objects.functionCallItem(ResponseObjects.id("fc"), "completed", call.path("id").asString(""), name, arguments));
        }
        return objects.finished(shell, output, choice.path("finish_reason").asString(null), objects.usage(completion.path("usage"), usage));
    }

    /** The reasoning text some chat providers return beside the content (DeepSeek, Groq, OpenRouter, vLLM). */
    static String reasoningOf(JsonNode messageOrDelta) {
        for (var field : new String[] {"reasoning_content", "reasoning"}) {
            if (messageOrDelta.path(field).isString() && !messageOrDelta.path(field).stringValue().isEmpty()) {
                return messageOrDelta.get(field).stringValue();
            }
        }
        return null;
    }
}
