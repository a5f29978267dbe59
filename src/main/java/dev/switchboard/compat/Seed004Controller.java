package dev.switchboard.compat;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 004 (member and BYOK modes, provider presets with credit multipliers): its user settings, usage and admin
 * provider paths, each answered by the Switchboard route it stands for; its fields were snake_case already. The admin
 * paths are under {@code /api/admin/**}, guarded by the one interceptor. Errors are problem details (whose
 * {@code detail} is what the seed's FastAPI clients read).
 */
@RestController
class Seed004Controller {

    private final Forwarder forwarder;

    Seed004Controller(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GetMapping("/api/user/settings")
    ResponseEntity<byte[]> settings(Caller caller, HttpServletRequest request) {
        return Replies.relayed(forwarder.json(request, "GET", "/api/users/me/settings", null));
    }

    @PutMapping("/api/user/settings")
    ResponseEntity<byte[]> updateSettings(Caller caller, HttpServletRequest request) throws IOException {
        return Replies.relayed(forwarder.raw(request, "PUT", "/api/users/me/settings", request.getInputStream().readAllBytes(),
                request.getContentType()));
    }

    @GetMapping("/api/user/llm/usage")
    ResponseEntity<byte[]> usage(Caller caller, HttpServletRequest request) {
        return Replies.relayed(forwarder.json(request, "GET", "/api/billing/usage/my-usage", null));
    }

    @GetMapping({"/api/admin/llm/providers", "/api/admin/settings/providers"})
    ResponseEntity<byte[]> providers(HttpServletRequest request) {
        return Replies.relayed(forwarder.json(request, "GET", "/api/admin/providers", null));
    }

    @PutMapping("/api/admin/llm/providers/{id}")
    ResponseEntity<byte[]> updateProvider(@PathVariable String id, HttpServletRequest request) throws IOException {
        return Replies.relayed(forwarder.raw(request, "PUT", Forwarder.path("/api/admin/providers", id),
                request.getInputStream().readAllBytes(), request.getContentType()));
    }

    /** {@code {"enabled": true|false}}; without a body the provider is enabled, as the path says. */
    @PutMapping("/api/admin/settings/providers/{id}/enable")
    ResponseEntity<byte[]> enable(@PathVariable String id, HttpServletRequest request) throws IOException {
        var body = object(request, Set.of("enabled"), "enabled", true);
        return Replies.relayed(body instanceof ObjectNode o ? forwarder.json(request, "PUT", Forwarder.path("/api/admin/providers", id), o)
                : refusal(body));
    }

    /** {@code {"credit_multiplier": 1.5}} (or the shorter {@code multiplier}). */
    @PutMapping("/api/admin/settings/providers/{id}/multiplier")
    ResponseEntity<byte[]> multiplier(@PathVariable String id, HttpServletRequest request) throws IOException {
        var body = object(request, Set.of("credit_multiplier", "multiplier"), null, null);
        if (!(body instanceof ObjectNode o)) {
            return Replies.relayed(refusal(body));
        }
        var renamed = JsonNodeFactory.instance.objectNode().set("credit_multiplier", o.has("multiplier") ? o.get("multiplier") : o.get("credit_multiplier"));
        var answer = forwarder.json(request, "PUT", Forwarder.path("/api/admin/providers", id), renamed);
        return Replies.relayed(o.has("multiplier") ? answer.renamingFields(java.util.Map.of("credit_multiplier", "multiplier")) : answer);
    }

    /**
     * A pool key for that provider ({@code llm_admin_keys} in the seed): the provider comes from the path, and a key sent
     * without a {@code name} is named after its provider and a random suffix (the pool names every key).
     */
    @PostMapping("/api/admin/llm/providers/{id}/keys")
    ResponseEntity<byte[]> addKey(@PathVariable String id, HttpServletRequest request) throws IOException {
        var bytes = request.getInputStream().readAllBytes();
        JsonNode body;
        try {
            body = Answer.JSON.readTree(bytes);
        } catch (JacksonException e) {
            return Replies.relayed(forwarder.raw(request, "POST", "/api/admin/llm-keys", bytes, "application/json"));
        }
        if (!(body instanceof ObjectNode key)) {
            return Replies.relayed(forwarder.json(request, "POST", "/api/admin/llm-keys", body));
        }
        key.put("provider", id);
        if (!key.has("name")) {
            key.put("name", id + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return Replies.relayed(forwarder.json(request, "POST", "/api/admin/llm-keys", key));
    }

    /**
     * The body as an object of the given fields; an empty body is {@code {field: fallback}} when a fallback is given.
     * Anything else is a text node holding the refusal: this route takes only those fields.
     */
    private static JsonNode object(HttpServletRequest request, Set<String> fields, String field, Boolean fallback) throws IOException {
        var bytes = request.getInputStream().readAllBytes();
        if (bytes.length == 0 && fallback != null) {
            return JsonNodeFactory.instance.objectNode().put(field, fallback);
        }
        try {
            var body = Answer.JSON.readTree(bytes);
            if (body instanceof ObjectNode o && !o.isEmpty() && o.propertyNames().stream().allMatch(fields::contains)) {
                return o;
            }
        } catch (JacksonException e) {
            // refused below
        }
        return JsonNodeFactory.instance.stringNode("The body must be a JSON object with " + String.join(" or ", new java.util.TreeSet<>(fields)) + ".");
    }

    private static Answer refusal(JsonNode message) {
        return Answer.of(400, message.stringValue());
    }
}
