package dev.switchboard.provider.responses;

import java.util.List;

import dev.switchboard.provider.ProviderException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses request as a canonical chat completion request. {@code instructions} become the first system message;
 * input messages keep their order ({@code developer} as {@code system}, which every chat provider accepts);
 * {@code function_call} items join the assistant turn before them as {@code tool_calls}, {@code function_call_output}
 * items become {@code tool} messages; {@code reasoning} items have no canonical place and are left out. Function tools
 * (and those grouped in a {@code namespace}) are served; a built-in tool (web search, file search, computer use, …)
 * that is only offered among them is left out, since no chat provider can host it, but one the request requires
 * ({@code tool_choice} names it, or it is all there is) is refused. Settings that only OpenAI's Responses API knows
 * ({@code store}, {@code include}, {@code prompt_cache_key}, {@code client_metadata}, {@code truncation}, …) are dropped.
 */
final class ResponsesToChatRequest {

    private static final List<String> PASSED = List.of("temperature", "top_p", "parallel_tool_calls", "stream", "top_logprobs");

    private final JsonMapper json;

    ResponsesToChatRequest(JsonMapper json) {
        this.json = json;
    }

    ObjectNode translate(ObjectNode request) {
        if (request.path("background").asBoolean(false)) {
            throw ProviderException.notSent("background: responses run in the background are served only by OpenAI; omit 'background'.");
        }
        var chat = json.createObjectNode();
        chat.set("model", request.get("model"));
        var messages = chat.putArray("messages");
        if (request.path("instructions").isString()) {
            messages.addObject().put("role", "system").put("content", request.get("instructions").stringValue());
        }
        new InputItems(json, messages).addAll(request.get("input"));
        PASSED.forEach(field -> copy(request, field, chat));
        if (request.path("max_output_tokens").isNumber()) {
            chat.set("max_tokens", request.get("max_output_tokens"));
        }
        if (request.path("reasoning").path("effort").isString()) {
            chat.set("reasoning_effort", request.path("reasoning").get("effort"));
        }
        var user = request.path("user").isString() ? request.get("user") : request.get("safety_identifier");
        if (user != null && user.isString()) {
            chat.set("user", user);
        }
        textFormat(request.path("text").path("format"), chat);
        new ToolsTranslation(json).translate(request, chat);
        return chat;
    }

    private static void copy(ObjectNode from, String field, ObjectNode to) {
        var value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value);
        }
    }

    /** {@code text.format}: a JSON schema or JSON mode becomes {@code response_format}; plain text is the default. */
    private void textFormat(JsonNode format, ObjectNode chat) {
        switch (format.path("type").asString("text")) {
            case "json_schema" -> {
                var schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                for (var field : new String[] {"name", "description", "schema", "strict"}) {
                    copy((ObjectNode) format, field, schema);
                }
            }
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            default -> { }
        }
    }

    /** The input items, appended to the chat messages in order. */
    private record InputItems(JsonMapper json, ArrayNode messages) {

        void addAll(JsonNode input) {
            if (input == null || input.isNull()) {
                return;
            }
            if (input.isString()) {
                messages.addObject().put("role", "user").put("content", input.stringValue());
                return;
            }
            for (var i = 0; i < input.size(); i++) {
                add(input.get(i), "input[" + i + "]");
            }
        }

        private void add(JsonNode item, String at) {
            var type = item.path("type").asString(item.has("role") ? "message" : "");
            switch (type) {
                case "message" -> message(item, at);
                case "function_call" -> functionCall(item, item.path("arguments").asString("{}"));
                case "custom_tool_call" -> functionCall(item, json.createObjectNode()
                        .put(ToolsTranslation.CUSTOM_INPUT, item.path("input").asString("")).toString());
                case "function_call_output", "custom_tool_call_output" -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", item.path("call_id").asString("")).set("content", ContentParts.toolOutput(json, item.get("output")));
                case "reasoning" -> { } // no canonical place: the provider reasons afresh
                case "item_reference" -> throw ProviderException.notSent(at + ": item references name items stored by OpenAI; "
                        + "send the item itself or use previous_response_id.");
                default -> throw ProviderException.notSent(at + ": input items of type '" + type + "' are served only by OpenAI.");
            }
        }

        private void message(JsonNode item, String at) {
            var role = item.path("role").asString("user");
            if (role.equals("assistant")) {
                assistant().set("content", json.getNodeFactory().stringNode(ContentParts.text(item.get("content"))));
                return;
            }
            var chatRole = role.equals("developer") ? "system" : role;
            messages.addObject().put("role", chatRole).set("content", ContentParts.toChat(json, item.get("content"), at));
        }

        /** A function call joins the assistant turn just before it (one turn may call several tools), or starts one. */
        private void functionCall(JsonNode item, String arguments) {
            var last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            var turn = last != null && "assistant".equals(last.path("role").asString()) ? (ObjectNode) last : assistant();
            if (!turn.has("content")) {
                turn.putNull("content");
            }
            var calls = turn.get("tool_calls") instanceof ArrayNode given ? given : turn.putArray("tool_calls");
            var call = calls.addObject().put("id", item.path("call_id").asString("")).put("type", "function");
            call.putObject("function").put("name", item.path("name").asString("")).put("arguments", arguments);
        }

        private ObjectNode assistant() {
            return messages.addObject().put("role", "assistant");
        }
    }
}
