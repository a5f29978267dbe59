package dev.switchboard.provider.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a {@code response} object that do not depend on the provider: ids shaped as OpenAI's ({@code resp_},
 * {@code msg_}, {@code fc_}, {@code rs_} and 48 hex digits), the request's settings echoed with OpenAI's defaults, and
 * usage in the Responses form (cached input and reasoning output tokens in their details).
 */
final class ResponseObjects {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JsonMapper json;

    ResponseObjects(JsonMapper json) {
        this.json = json;
    }

    static String id(String prefix) {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /** A response in progress: no output, no usage yet. */
    ObjectNode shell(String id, long createdAt, ObjectNode request) {
        var response = json.createObjectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", "in_progress");
        response.put("background", false);
        response.putNull("error");
        response.putNull("incomplete_details");
        echo(request, "instructions", response);
        echo(request, "max_output_tokens", response);
        response.set("model", request.get("model"));
        response.putArray("output");
        response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        echo(request, "previous_response_id", response);
        var reasoning = response.putObject("reasoning");
        reasoning.set("effort", request.path("reasoning").path("effort").isString() ? request.path("reasoning").get("effort") : json.nullNode());
        reasoning.set("summary", request.path("reasoning").path("summary").isString() ? request.path("reasoning").get("summary") : json.nullNode());
        response.put("store", request.path("store").asBoolean(true));
        response.put("temperature", request.path("temperature").asDouble(1.0));
        response.set("text", request.path("text").path("format").isObject() ? request.get("text") : defaultText());
        response.set("tool_choice", request.hasNonNull("tool_choice") ? request.get("tool_choice") : json.getNodeFactory().stringNode("auto"));
        response.set("tools", request.path("tools").isArray() ? request.get("tools") : json.createArrayNode());
        response.put("top_p", request.path("top_p").asDouble(1.0));
        response.put("truncation", request.path("truncation").asString("disabled"));
        response.putNull("usage");
        echo(request, "user", response);
        response.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : json.createObjectNode());
        return response;
    }

    /** The finished response: its status (and why it is incomplete), its output items and usage. */
    ObjectNode finished(ObjectNode shell, ArrayNode output, String finishReason, ObjectNode usage) {
        var response = shell.deepCopy();
        var incomplete = switch (finishReason == null ? "stop" : finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
        response.put("status", incomplete == null ? "completed" : "incomplete");
        if (incomplete != null) {
            response.putObject("incomplete_details").put("reason", incomplete);
        }
        response.set("output", output);
        response.set("usage", usage);
        return response;
    }

    /** Usage in the Responses form, from a chat completion's {@code usage} object (or the pipeline's counts). */
    ObjectNode usage(JsonNode chatUsage, Usage counted) {
        var usage = json.createObjectNode();
        var input = chatUsage.path("prompt_tokens").isNumber() ? chatUsage.path("prompt_tokens").asLong() : counted.inputTokens();
        var output = chatUsage.path("completion_tokens").isNumber() ? chatUsage.path("completion_tokens").asLong() : counted.outputTokens();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens",
                chatUsage.path("prompt_tokens_details").path("cached_tokens").asLong(counted.cachedInputTokens()));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens",
                chatUsage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        usage.put("total_tokens", input + output);
        return usage;
    }

    ObjectNode messageItem(String id, String status, String text, String refusal) {
        var item = json.createObjectNode().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        var content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        if (refusal != null) {
            content.addObject().put("type", "refusal").put("refusal", refusal);
        }
        return item;
    }

    ObjectNode outputText(String text) {
        var part = json.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    ObjectNode functionCallItem(String id, String status, String callId, String name, String arguments) {
        return json.createObjectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    ObjectNode customToolCallItem(String id, String status, String callId, String name, String input) {
        return json.createObjectNode().put("id", id).put("type", "custom_tool_call").put("status", status)
                .put("call_id", callId).put("input", input).put("name", name);
    }

    ObjectNode reasoningItem(String id, String summary) {
        var item = json.createObjectNode().put("id", id).put("type", "reasoning");
        var parts = item.putArray("summary");
        if (summary != null) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        return item;
    }

    private ObjectNode defaultText() {
        var text = json.createObjectNode();
        text.putObject("format").put("type", "text");
        return text;
    }

    private void echo(JsonNode request, String field, ObjectNode response) {
        response.set(field, request.hasNonNull(field) ? request.get(field) : json.nullNode());
    }
}
