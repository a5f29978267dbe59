package dev.switchboard.gateway;

import java.util.Map;

import dev.switchboard.access.Caller;
import dev.switchboard.provider.AnthropicMessages;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.WireFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/messages/count_tokens}. For a model served by Anthropic the upstream counts (free of charge; the call
 * is recorded at zero cost like any call that reached a provider). Other providers have no such endpoint, so the
 * count is an estimate made here, without an upstream call: one token per four bytes of the request's text (system,
 * messages, tools), rounded up.
 */
@Component
class TokenCounts {

    static final String ENDPOINT = "messages.count_tokens";

    private final JsonMapper json;
    private final Routes routes;
    private final AnthropicMessages anthropic;
    private final CallMeter meter;

    TokenCounts(JsonMapper json, Routes routes, AnthropicMessages anthropic, CallMeter meter) {
        this.json = json;
        this.routes = routes;
        this.anthropic = anthropic;
        this.meter = meter;
    }

    ResponseEntity<byte[]> count(Caller caller, byte[] body, String beta) {
        var started = System.nanoTime();
        var request = OpenAiBodies.parse(json, body);
        var model = OpenAiBodies.requireString(request, "model");
        var messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "invalid_type", "messages: Input should be a non-empty list of messages");
        }
        var route = routes.resolve(caller, model);
        ModelKinds.require(route, ModelKinds.CHAT, "/v1/messages/count_tokens");
        if (route.provider().wireFormat() != WireFormat.ANTHROPIC) {
            return json(json.writeValueAsBytes(Map.of("input_tokens", estimate(request))));
        }
        request.put("model", route.model().upstreamModel());
        try {
            var answer = anthropic.countTokens(route.target(), request, beta);
            meter.record(caller, route, false, started, ENDPOINT, "ok", 200, Usage.NONE, null);
            return json(answer);
        } catch (ProviderException e) {
            if (e.reachedProvider()) {
                meter.record(caller, route, false, started, ENDPOINT, "error", AnthropicErrors.ErrorMapping.of(e).status(), Usage.NONE,
                        e.kind().name());
            }
            throw e;
        }
    }

    /** One token per four UTF-8 bytes of every text in the request, rounded up: a rough, documented estimate. */
    static long estimate(JsonNode request) {
        var bytes = textBytes(request.path("system")) + textBytes(request.path("messages")) + textBytes(request.path("tools"));
        return (bytes + 3) / 4;
    }

    private static long textBytes(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        var total = 0L;
        for (var child : node) {
            total += textBytes(child);
        }
        return total;
    }

    private static ResponseEntity<byte[]> json(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
