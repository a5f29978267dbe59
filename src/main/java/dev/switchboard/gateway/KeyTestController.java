package dev.switchboard.gateway;

import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest.Billing;
import dev.switchboard.vault.PoolKeyAdmin;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /api/admin/llm-keys/{id}/test}: one minimal call with that pool key (a one-token chat completion with the
 * provider's cheapest chat model), through the pipeline like any call, so it is recorded (endpoint
 * {@code llm-keys.test}) and its outcome tells the key's health: {@code valid}, {@code invalid} (refused: out of
 * rotation), {@code rate_limited} (cooling down) or {@code unreachable}; a valid answer takes an invalid key back into
 * rotation. It lives here, not in vault, because only the pipeline calls providers.
 */
@RestController
class KeyTestController {

    private final PoolKeyAdmin keys;
    private final Catalog catalog;
    private final Inference inference;

    KeyTestController(PoolKeyAdmin keys, Catalog catalog, Inference inference) {
        this.keys = keys;
        this.catalog = catalog;
        this.inference = inference;
    }

    record KeyTest(String id, String result, @JsonProperty("latency_ms") long latencyMillis, String model, String message) {
    }

    @PostMapping("/api/admin/llm-keys/{id}/test")
    KeyTest test(Caller caller, @PathVariable String id, HttpServletRequest http) {
        var key = keys.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No pool key '" + id + "'."));
        var provider = catalog.provider(key.providerId()).orElseThrow();
        var model = catalog.modelsOfEnabledProviders().stream()
                .filter(m -> m.providerId().equals(provider.id()) && m.kind().equals(Model.CHAT))
                .min(Comparator.comparingLong((Model m) -> m.price().inputPerMillion() + m.price().outputPerMillion()).thenComparing(Model::name))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "The provider '" + provider.id() + "' has no chat model to test the key with."));
        var body = JsonNodeFactory.instance.objectNode().put("model", model.name()).put("max_tokens", 1);
        body.putArray("messages").addObject().put("role", "user").put("content", "ping");
        var started = System.nanoTime();
        var request = new CallRequest(caller, Endpoint.KEY_TEST, model.name(), false, 1L, body, RequestIds.of(http), null, Billing.TOKENS, started);
        var failure = inference.probe(request, new Candidate(model, provider), keys.credentialForTest(id).orElseThrow());
        var latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        var result = resultOf(failure);
        if (result.equals("valid")) {
            keys.validated(id);
        }
        return new KeyTest(id, result, latency, model.name(), failure == null ? "The provider answered." : failure.message());
    }

    /** A refused key is invalid and a rate limited one busy; a provider that rejected the request still accepted the key. */
    private static String resultOf(CallFailure failure) {
        if (failure == null || failure.reason().equals("upstream_rejected")) {
            return "valid";
        }
        return switch (failure.reason()) {
            case "provider_credential_refused" -> "invalid";
            case "rate_limit_exceeded" -> "rate_limited";
            default -> "unreachable";
        };
    }
}
