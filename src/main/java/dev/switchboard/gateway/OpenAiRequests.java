package dev.switchboard.gateway;

import java.util.Optional;
import java.util.Set;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.CallRequest.Billing;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI dialect's front end: reads and checks a chat completion, embeddings or image request and makes it a
 * {@link CallRequest}, or refuses it with the field at fault named. It decides nothing else.
 */
@Component
class OpenAiRequests {

    /** The roles OpenAI's chat completions accept ({@code function} is its deprecated predecessor of {@code tool}). */
    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final long MAX_TOKENS_LIMIT = Long.MAX_VALUE;

    private final JsonMapper json;
    private final Optional<PromptTemplates> templates;

    OpenAiRequests(JsonMapper json, Optional<PromptTemplates> templates) {
        this.json = json;
        this.templates = templates;
    }

    /** A chat completion request, whether the client asked for usage in its stream, and the conversation it joins (or null). */
    record Chat(CallRequest call, boolean includeUsage, String conversationId) {
    }

    Chat chat(Caller caller, byte[] bytes, String requestId, String conversationHeader) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.OPENAI);
        var conversationId = body.takeConversationId(conversationHeader);
        var model = body.requiredString("model");
        var template = renderTemplate(caller, body);
        var messages = body.requiredNonEmptyArray("messages", "message objects");
        body.checkMessages(messages, ROLES, Set.of("assistant", "function"));
        var stream = body.optionalBoolean("stream");
        var maxTokens = body.optionalInteger("max_tokens", 1, MAX_TOKENS_LIMIT);
        var maxCompletionTokens = body.optionalInteger("max_completion_tokens", 1, MAX_TOKENS_LIMIT);
        body.optionalNumber("temperature", 0, 2);
        body.optionalNumber("top_p", 0, 1);
        body.optionalInteger("n", 1, 128);
        body.checkFallbacks();
        body.refuseOwnFields("fallbacks");
        var options = body.get("stream_options");
        var includeUsage = options != null && options.isObject() && options.path("include_usage").asBoolean(false);
        var limit = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
        return new Chat(new CallRequest(caller, Endpoint.CHAT_COMPLETIONS, model, stream, limit, body.root(), requestId, null,
                Billing.TOKENS, started, template), includeUsage, conversationId);
    }

    /**
     * Renders {@code template} with {@code variables} into the messages (its system part first, the request's own
     * messages next, the rendered prompt as the last user message) and takes both fields out of the body; answers the
     * version rendered, or null when the request names no template.
     */
    private CallRequest.PromptVersion renderTemplate(Caller caller, JsonBody body) {
        var reference = body.root().remove("template");
        var variables = body.root().remove("variables");
        if (reference == null || reference.isNull()) {
            if (variables != null && !variables.isNull()) {
                throw Refusal.invalid("variables", "invalid_value", "'variables' fill a template: name one in 'template'.");
            }
            return null;
        }
        if (!reference.isString() || reference.stringValue().isBlank()) {
            throw body.invalid("template", "invalid_type", "a template name (or name@version)", "a template name");
        }
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw body.invalid("variables", "invalid_type", "an object of variable values", "an object");
        }
        var rendered = templates.orElseThrow(() -> Refusal.invalid("template", "unsupported_parameter",
                "Prompt templates are not served by this gateway.")).render(caller, reference.stringValue(), variables);
        var given = body.get("messages");
        if (given == null || given.isArray()) {
            var messages = body.root().putArray("messages");
            if (rendered.system() != null) {
                messages.addObject().put("role", "system").put("content", rendered.system());
            }
            if (given != null) {
                given.forEach(messages::add);
            }
            messages.addObject().put("role", "user").put("content", rendered.prompt());
        }
        return rendered.version();
    }

    CallRequest embeddings(Caller caller, byte[] bytes, String requestId) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.OPENAI);
        var model = body.requiredString("model");
        checkInput(body);
        var format = body.optionalString("encoding_format", "float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw Refusal.invalid("encoding_format", "invalid_value", "'encoding_format' must be 'float' or 'base64'.");
        }
        body.optionalInteger("dimensions", 1, 65_536);
        body.refuseOwnFields();
        return new CallRequest(caller, Endpoint.EMBEDDINGS, model, false, null, body.root(), requestId, null, Billing.TOKENS, started);
    }

    CallRequest images(Caller caller, byte[] bytes, String requestId) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.OPENAI);
        var model = body.optionalString("model", "dall-e-2");
        body.requiredString("prompt");
        var n = body.optionalInt("n", 1, 1, 10);
        if (body.optionalBoolean("stream")) {
            throw Refusal.invalid("stream", "unsupported_parameter", "Streaming image generation is not supported; omit 'stream'.");
        }
        var size = body.optionalString("size", null);
        var quality = body.optionalString("quality", null);
        body.refuseOwnFields();
        return new CallRequest(caller, Endpoint.IMAGES, model, false, null, body.root(), requestId, null,
                new Billing.Images(size, quality, n), started);
    }

    private static void checkInput(JsonBody body) {
        var input = body.get("input");
        if (input == null) {
            throw Refusal.missing("input");
        }
        var valid = input.isString() || (input.isArray() && !input.isEmpty() && (allMatch(input, JsonNode::isString)
                || allMatch(input, OpenAiRequests::isToken)
                || allMatch(input, item -> item.isArray() && !item.isEmpty() && allMatch(item, OpenAiRequests::isToken))));
        if (!valid) {
            throw Refusal.invalid("input", "invalid_type",
                    "'input' must be a string, an array of strings, an array of tokens, or an array of token arrays.");
        }
    }

    private static boolean isToken(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0;
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (var item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }
}
