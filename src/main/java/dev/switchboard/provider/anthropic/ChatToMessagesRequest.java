package dev.switchboard.provider.anthropic;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A canonical (OpenAI chat completion) request as an Anthropic Messages request. System and developer messages become
 * {@code system}; tool results become {@code tool_result} blocks in a user turn; consecutive turns of one role merge
 * into one, as the Messages API wants roles to alternate. Anthropic requires {@code max_tokens}: absent, it is
 * {@link #DEFAULT_MAX_TOKENS}.
 */
final class ChatToMessagesRequest {

    /** The default when the caller sets no limit: enough for a long answer, and within every current Claude model's limit. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final JsonMapper json;
    private final ChatToMessagesContent content;

    ChatToMessagesRequest(JsonMapper json) {
        this.json = json;
        this.content = new ChatToMessagesContent(json);
    }

    ObjectNode translate(ObjectNode chat) {
        if (chat.path("n").asInt(1) > 1) {
            throw AnthropicWire.invalid("Anthropic models return one choice per request; 'n' must be 1.");
        }
        var out = json.createObjectNode();
        out.set("model", chat.get("model"));
        var system = json.createArrayNode();
        out.set("messages", messages(chat.path("messages"), system));
        if (!system.isEmpty()) {
            out.set("system", system.size() == 1 ? system.get(0).get("text") : system);
        }
        var maxTokens = chat.hasNonNull("max_completion_tokens") ? chat.get("max_completion_tokens") : chat.get("max_tokens");
        out.put("max_tokens", maxTokens != null && maxTokens.isNumber() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        stopSequences(chat.get("stop"), out);
        copy(chat, "temperature", out);
        copy(chat, "top_p", out);
        tools(chat, out);
        thinking(chat, out);
        if (chat.path("user").isString()) {
            out.putObject("metadata").put("user_id", chat.get("user").stringValue());
        }
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return out;
    }

    private ArrayNode messages(JsonNode messages, ArrayNode system) {
        var out = json.createArrayNode();
        for (var message : messages) {
            var role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> content.textBlocks(message.get("content")).forEach(system::add);
                case "user" -> append(out, "user", content.userBlocks(message.get("content")));
                case "assistant" -> append(out, "assistant", content.assistantBlocks(message));
                case "tool" -> append(out, "user", content.toolResult(message));
                default -> throw AnthropicWire.invalid("Messages with role '" + role + "' cannot be sent to an Anthropic model.");
            }
        }
        return out;
    }

    /** Adds the blocks as a new turn, or to the last turn when it has the same role. */
    private void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.get(turns.size() - 1).path("role").asString("").equals(role)) {
            ((ArrayNode) turns.get(turns.size() - 1).get("content")).addAll(blocks);
            return;
        }
        var turn = turns.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    /**
     * {@code reasoning_effort} as extended thinking, with a budget of 1024, 4096 or 16384 tokens (low, medium, high),
     * at most half of {@code max_tokens} so that the answer keeps the other half (the limit itself, which the call's
     * reservation assumed, is never raised). Claude thinks only where Anthropic allows it without more: no temperature or
     * {@code top_p} (dropped), a tool choice of auto or none, and no earlier tool call in the conversation, since those
     * turns would have to bring back their signed thinking, which no other dialect carries.
     */
    private void thinking(ObjectNode chat, ObjectNode out) {
        var budget = switch (chat.path("reasoning_effort").asString("")) {
            case "low" -> 1024;
            case "medium" -> 4096;
            case "high" -> 16384;
            default -> 0;
        };
        var forced = out.path("tool_choice").path("type").asString("auto");
        var calledTools = false;
        for (var message : chat.path("messages")) {
            calledTools = calledTools || !message.path("tool_calls").isEmpty();
        }
        var half = out.path("max_tokens").asInt() / 2;
        if (budget == 0 || calledTools || forced.equals("any") || forced.equals("tool") || half < 1024) {
            return;
        }
        out.putObject("thinking").put("type", "enabled").put("budget_tokens", Math.min(budget, half));
        out.remove("temperature");
        out.remove("top_p");
    }

    private void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop == null || stop.isNull()) {
            return;
        }
        var sequences = out.putArray("stop_sequences");
        if (stop.isString()) {
            sequences.add(stop.stringValue());
        } else {
            stop.forEach(sequences::add);
        }
    }

    private void tools(ObjectNode chat, ObjectNode out) {
        var tools = chat.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            var translated = out.putArray("tools");
            for (var tool : tools) {
                var function = tool.path("function");
                var t = translated.addObject();
                t.set("name", function.get("name"));
                if (function.hasNonNull("description")) {
                    t.set("description", function.get("description"));
                }
                t.set("input_schema", function.path("parameters").isObject() ? function.get("parameters")
                        : json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()));
            }
        }
        var choice = toolChoice(chat.get("tool_choice"));
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").booleanValue() && out.has("tools")) {
            choice = choice == null ? json.createObjectNode().put("type", "auto") : choice;
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice != null && out.has("tools")) {
            out.set("tool_choice", choice);
        }
    }

    private ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isString()) {
            return switch (choice.stringValue()) {
                case "required" -> json.createObjectNode().put("type", "any");
                case "none" -> json.createObjectNode().put("type", "none");
                default -> json.createObjectNode().put("type", "auto");
            };
        }
        return json.createObjectNode().put("type", "tool").put("name", choice.path("function").path("name").asString(""));
    }

    private static void copy(ObjectNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }
}
