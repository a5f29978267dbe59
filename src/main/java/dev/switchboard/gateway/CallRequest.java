package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.access.Caller;
import tools.jackson.databind.node.ObjectNode;

/**
 * One inference call as a front end read and checked it, before anything is decided: who asks, at which endpoint, for
 * which model (as the caller named it), whether it streams, its worst-case output ({@code max_tokens}, null when the
 * caller set none), the body in the endpoint's dialect, the request id, Anthropic's beta header (forwarded to Anthropic
 * only), how it is billed, and the prompt template version it was rendered from (null for none). Immutable: the body is copied in, and every {@link #body()} is a fresh copy, so that a
 * retry or a fallback can send the original again.
 */
public record CallRequest(Caller caller, Endpoint endpoint, String model, boolean stream, Long maxOutputTokens, ObjectNode body,
                          String requestId, String anthropicBeta, Billing billing, long startedNanos, PromptVersion template) {

    public CallRequest {
        body = body.deepCopy();
    }

    /**
     * The models the caller asked to fall back to ({@code fallbacks}, checked by the front end to be a list of names), or
     * null when it named none. Switchboard's own field: it is never sent to a provider.
     */
    public List<String> fallbacks() {
        var node = body.get("fallbacks");
        if (node == null || !node.isArray()) {
            return null;
        }
        var names = new ArrayList<String>();
        node.forEach(name -> names.add(name.asString()));
        return names;
    }

    /** A request id for a call that did not come over HTTP ({@code req_…}, like the ones the inference API makes up). */
    public static String newRequestId() {
        return RequestIds.generated();
    }

    /** A call that no prompt template made. */
    public CallRequest(Caller caller, Endpoint endpoint, String model, boolean stream, Long maxOutputTokens, ObjectNode body,
                       String requestId, String anthropicBeta, Billing billing, long startedNanos) {
        this(caller, endpoint, model, stream, maxOutputTokens, body, requestId, anthropicBeta, billing, startedNanos, null);
    }

    /** The prompt template and version a call was rendered from: its usage record names them. */
    public record PromptVersion(String templateId, int version) {
    }

    /** A fresh copy of the body: change it freely. */
    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** The same call with another body (a conversation's history added, a template rendered). */
    public CallRequest withBody(ObjectNode newBody) {
        return new CallRequest(caller, endpoint, model, stream, maxOutputTokens, newBody, requestId, anthropicBeta, billing, startedNanos, template);
    }

    /** How a call's cost is worked out from what the provider reported. */
    public sealed interface Billing {

        /** Per token at the model's prices (chat, messages, embeddings). */
        Billing TOKENS = new Tokens();
        /** Free of charge (counting tokens), though still recorded. */
        Billing FREE = new Free();

        record Tokens() implements Billing {
        }

        record Free() implements Billing {
        }

        /**
         * Per image from the catalog's price table: {@code n ×} the price for that size and quality; a size or quality
         * left null takes the model's default ({@code auto} where the model is priced for it).
         */
        record Images(String size, String quality, int n) implements Billing {
        }
    }
}
