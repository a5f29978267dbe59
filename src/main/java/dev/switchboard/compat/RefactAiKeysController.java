package dev.switchboard.compat;

import java.io.IOException;
import java.util.TreeSet;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * Seed 003 (RefactAI's key manager): {@code /api/llm/keys} and its sub-paths in camelCase, each answered by the admin
 * key pool's route under {@code /api/admin/llm-keys} ({@link RefactAiFields} renames). The seed had no authentication;
 * here every path is admin only, by the interceptor that guards {@code /api/admin/**}. Errors are problem details.
 */
@RestController
class RefactAiKeysController {

    private static final String POOL = "/api/admin/llm-keys";
    private final Forwarder forwarder;

    RefactAiKeysController(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GetMapping("/api/llm/keys")
    ResponseEntity<byte[]> list(Caller caller, HttpServletRequest request) {
        return Replies.reshaped(forwarder.json(request, "GET", POOL, null), RefactAiFields::key);
    }

    @PostMapping("/api/llm/keys")
    ResponseEntity<byte[]> add(Caller caller, HttpServletRequest request) throws IOException {
        var added = send(request, "POST", POOL);
        var location = added.headers().get("Location");
        var answer = location == null ? added : added.withHeader("Location", location.replace(POOL, "/api/llm/keys"));
        return Replies.reshaped(answer, RefactAiFields::key);
    }

    @GetMapping("/api/llm/keys/{id}")
    ResponseEntity<byte[]> one(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return Replies.reshaped(forwarder.json(request, "GET", Forwarder.path(POOL, id), null), RefactAiFields::key);
    }

    @PutMapping("/api/llm/keys/{id}")
    ResponseEntity<byte[]> change(Caller caller, @PathVariable String id, HttpServletRequest request) throws IOException {
        return Replies.reshaped(send(request, "PUT", Forwarder.path(POOL, id)), RefactAiFields::key);
    }

    @DeleteMapping("/api/llm/keys/{id}")
    ResponseEntity<byte[]> delete(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return Replies.relayed(forwarder.json(request, "DELETE", Forwarder.path(POOL, id), null));
    }

    @PostMapping("/api/llm/keys/{id}/set-default")
    ResponseEntity<byte[]> setDefault(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return Replies.reshaped(forwarder.json(request, "POST", Forwarder.path(POOL, id, "set-default"), null), RefactAiFields::key);
    }

    /** {@code {"active": true|false}}; without a body the key flips. */
    @PostMapping("/api/llm/keys/{id}/toggle")
    ResponseEntity<byte[]> toggle(Caller caller, @PathVariable String id, HttpServletRequest request) throws IOException {
        return Replies.reshaped(send(request, "POST", Forwarder.path(POOL, id, "toggle")), RefactAiFields::key);
    }

    @PostMapping("/api/llm/keys/{id}/test")
    ResponseEntity<byte[]> test(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return Replies.reshaped(forwarder.json(request, "POST", Forwarder.path(POOL, id, "test"), null), RefactAiFields::test);
    }

    @GetMapping("/api/llm/keys/statistics")
    ResponseEntity<byte[]> statistics(Caller caller, HttpServletRequest request) {
        return Replies.reshaped(forwarder.json(request, "GET", POOL + "/statistics", null), RefactAiFields::statistics);
    }

    /**
     * The key the pool would use now for {@code ?provider=…} (the pool chooses, as for a call). Without it, the one
     * provider that has pool keys, as in the seed's one-provider world; with keys of several, the provider must be named.
     */
    @GetMapping("/api/llm/keys/active")
    ResponseEntity<byte[]> active(Caller caller, @RequestParam(required = false) String provider, HttpServletRequest request) {
        var path = POOL + "/active";
        if (provider == null) {
            var keys = forwarder.json(request, "GET", POOL, null);
            if (!keys.ok()) {
                return Replies.relayed(keys);
            }
            var providers = new TreeSet<String>();
            keys.json().forEach(k -> providers.add(k.path("provider").asString()));
            if (providers.size() != 1) {
                return Replies.relayed(providers.isEmpty() ? Answer.of(404, "No API key available: the pool holds no keys.")
                        : Answer.of(400, "Keys of several providers are in the pool (" + String.join(", ", providers) + "): say which, as ?provider=…"));
            }
            path += "?provider=" + providers.first();
        }
        var active = forwarder.json(request, "GET", path, null);
        var key = active.json().path("key");
        if (active.ok() && (key.isNull() || key.isMissingNode())) {
            return Replies.relayed(Answer.of(404, "No API key available: " + active.json().path("note").asString("no pool key can serve now") + "."));
        }
        return Replies.reshaped(active, a -> RefactAiFields.key(a.path("key")));
    }

    /** Forwards the seed's JSON body in Switchboard's names; a refusal names the seed's fields. */
    private Answer send(HttpServletRequest request, String method, String path) throws IOException {
        var bytes = request.getInputStream().readAllBytes();
        if (bytes.length == 0) {
            return forwarder.json(request, method, path, null);
        }
        try {
            var body = RefactAiFields.in(Answer.JSON.readTree(bytes));
            return forwarder.json(request, method, path, body).renamingFields(RefactAiFields.BACK);
        } catch (JacksonException e) {
            return forwarder.raw(request, method, path, bytes, "application/json");
        }
    }
}
