package dev.switchboard.gateway;

import java.util.Set;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.CallRequest.Billing;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Anthropic dialect's front end: reads and checks a Messages or count_tokens request and makes it a
 * {@link CallRequest}, refusing what Anthropic refuses with its wording ({@code max_tokens: Field required}). Claude
 * Code sends {@code system} turns among the messages, so they are accepted as Anthropic accepts them.
 */
@Component
class AnthropicRequests {

    static final Set<String> ROLES = Set.of("user", "assistant", "system");

    private final JsonMapper json;

    AnthropicRequests(JsonMapper json) {
        this.json = json;
    }

    /** A Messages request and the conversation it joins (or null). */
    record Messages(CallRequest call, String conversationId) {
    }

    Messages messages(Caller caller, byte[] bytes, String beta, String requestId, String conversationHeader) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.ANTHROPIC);
        var conversationId = body.takeConversationId(conversationHeader);
        var model = body.requiredString("model");
        if (body.get("max_tokens") == null) {
            throw body.missingField("max_tokens");
        }
        var maxTokens = body.optionalInteger("max_tokens", 1, Long.MAX_VALUE);
        body.checkMessages(body.requiredNonEmptyArray("messages", "messages"), ROLES, Set.of());
        var stream = body.optionalBoolean("stream");
        body.optionalNumber("temperature", 0, 1);
        body.optionalNumber("top_p", 0, 1);
        body.optionalInteger("top_k", 0, Long.MAX_VALUE);
        body.checkFallbacks();
        body.refuseOwnFields("fallbacks");
        return new Messages(new CallRequest(caller, Endpoint.MESSAGES, model, stream, maxTokens, body.root(), requestId, beta,
                Billing.TOKENS, started), conversationId);
    }

    CallRequest countTokens(Caller caller, byte[] bytes, String beta, String requestId) {
        var started = System.nanoTime();
        var body = JsonBody.parse(json, bytes, Dialect.ANTHROPIC);
        var model = body.requiredString("model");
        body.checkMessages(body.requiredNonEmptyArray("messages", "messages"), ROLES, Set.of());
        body.refuseOwnFields();
        return new CallRequest(caller, Endpoint.COUNT_TOKENS, model, false, null, body.root(), requestId, beta, Billing.FREE, started);
    }
}
