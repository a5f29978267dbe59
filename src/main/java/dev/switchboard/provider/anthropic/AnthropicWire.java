package dev.switchboard.provider.anthropic;

import dev.switchboard.provider.http.UpstreamRequest;

import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.http.UpstreamHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every call to Anthropic's Messages API shares: the endpoint, its headers, its usage and its stop reasons. */
final class AnthropicWire {

    /** The only version of the Messages API; Anthropic's SDKs send it on every request. */
    static final String VERSION = "2023-06-01";

    private AnthropicWire() {
    }

    /** {@code POST {base}/v1/messages}: the base URL is written without {@code /v1}, as Anthropic's SDKs write it. */
    static UpstreamRequest post(UpstreamHttp http, UpstreamTarget target, byte[] body, String accept) {
        return post(http, target, body, accept, null);
    }

    /** The same, with the caller's {@code anthropic-beta} features switched on (null for none). */
    static UpstreamRequest post(UpstreamHttp http, UpstreamTarget target, byte[] body, String accept, String beta) {
        return post(http, target, "/v1/messages", body, accept, beta);
    }

    static UpstreamRequest post(UpstreamHttp http, UpstreamTarget target, String path, byte[] body, String accept, String beta) {
        var builder = http.postJson(target.baseUrl() + path, body)
                .header("anthropic-version", VERSION)
                .header("Accept", accept);
        if (beta != null && !beta.isBlank()) {
            builder.header("anthropic-beta", beta);
        }
        if (target.apiKey() != null) {
            builder.header("x-api-key", target.apiKey());
        }
        return builder.build();
    }

    /** One streamed event's JSON; data that is not JSON is the upstream's failure, not ours. */
    static JsonNode parseEvent(JsonMapper json, String providerId, String data) {
        try {
            return json.readTree(data);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + providerId + " streamed invalid JSON", null);
        }
    }

    /**
     * Anthropic counts cache reads and cache writes apart from {@code input_tokens}; the canonical input includes
     * both; cached input is what was read from the cache, cache writes what was written to it (each at its own price; {@code cache_creation.ephemeral_1h_input_tokens} says how
     * many were written for an hour, which costs more).
     */
    static Usage usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        var cacheRead = Usage.count(usage.path("cache_read_input_tokens"));
        var cacheWrite = Usage.count(usage.path("cache_creation_input_tokens"));
        var input = Usage.count(usage.path("input_tokens")) + cacheRead + cacheWrite;
        var hourWrites = Usage.count(usage.path("cache_creation").path("ephemeral_1h_input_tokens"));
        return Usage.reported(input, Usage.count(usage.path("output_tokens")), cacheRead, cacheWrite, hourWrites);
    }

    /** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** OpenAI's {@code finish_reason} as Anthropic's {@code stop_reason}. */
    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** The HTTP status Anthropic documents for each error type, so that an {@code error} event maps like an HTTP error. */
    static int statusOf(String errorType) {
        return switch (errorType == null ? "" : errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    static ProviderException invalid(String message) {
        return ProviderException.notSent(message);
    }
}
