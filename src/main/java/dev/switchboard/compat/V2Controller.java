package dev.switchboard.compat;

import java.io.IOException;
import java.util.function.UnaryOperator;

import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seeds 000 and 001 (FastAPI, prefix {@code /v2}): sign-in, the model list with UUIDs, the caller's own provider keys
 * and its usage, each re-dispatched to the Switchboard route it stands for, errors in FastAPI's shape. A {@link Caller}
 * parameter authenticates the call first, so that a missing credential is refused in that shape too.
 */
@RestController
class V2Controller {

    private final Forwarder forwarder;
    private final ModelIds ids;

    V2Controller(Forwarder forwarder, ModelIds ids) {
        this.forwarder = forwarder;
        this.ids = ids;
    }

    /** The OAuth2 password form, as sent: {@code /api/login/access-token} reads it (and refuses credentials in the URL). */
    @PostMapping("/v2/login/access-token")
    ResponseEntity<byte[]> login(HttpServletRequest request) throws IOException {
        var form = request.getInputStream().readAllBytes();
        return Replies.fastApi(forwarder.raw(request, "POST", "/api/login/access-token", form, request.getContentType()),
                UnaryOperator.identity(), "body");
    }

    @GetMapping({"/v2/llm-models", "/v2/llm-models/"})
    ResponseEntity<byte[]> models(Caller caller, HttpServletRequest request) {
        return Replies.fastApi(forwarder.json(request, "GET", "/api/llm-models", null), ids::page, "query");
    }

    @GetMapping("/v2/llm-models/{id}")
    ResponseEntity<byte[]> model(Caller caller, @PathVariable String id, HttpServletRequest request) {
        var answer = forwarder.json(request, "GET", Forwarder.path("/api/llm-models", ids.catalogId(id)), null);
        return Replies.fastApi(answer, ids::model, "path");
    }

    @GetMapping("/v2/users/me/api-key-status")
    ResponseEntity<byte[]> keyStatus(Caller caller, HttpServletRequest request) {
        return Replies.fastApi(status(request), UnaryOperator.identity(), "query");
    }

    @PatchMapping("/v2/users/me/api-key")
    ResponseEntity<byte[]> updateKeys(Caller caller, HttpServletRequest request) throws IOException {
        var body = request.getInputStream().readAllBytes();
        return Replies.fastApi(forwarder.raw(request, "PATCH", "/api/users/me/api-key", body, request.getContentType()),
                UnaryOperator.identity(), "body");
    }

    /**
     * {@code ?provider=…} removes that key; without it, every key of the caller goes (seed 000 had one key per user).
     * Answers the key status afterwards.
     */
    @DeleteMapping("/v2/users/me/api-key")
    ResponseEntity<byte[]> deleteKeys(Caller caller, @RequestParam(required = false) String provider, HttpServletRequest request) {
        if (provider != null) {
            var deleted = forwarder.json(request, "DELETE", "/api/users/me/api-key", null);
            return deleted.ok() ? keyStatus(caller, request) : FastApiErrors.of(deleted, "query");
        }
        var status = status(request);
        if (!status.ok()) {
            return FastApiErrors.of(status, "query");
        }
        var held = status.json();
        for (var field : held.propertyNames()) {
            if (field.startsWith("has_") && field.endsWith("_key") && held.path(field).asBoolean(false)) {
                var keyed = field.substring("has_".length(), field.length() - "_key".length());
                var deleted = forwarder.json(request, "DELETE", "/api/users/me/api-key?provider=" + keyed, null);
                if (!deleted.ok()) {
                    return FastApiErrors.of(deleted, "query");
                }
            }
        }
        return keyStatus(caller, request);
    }

    @GetMapping("/v2/billing/usage/my-usage")
    ResponseEntity<byte[]> myUsage(Caller caller, HttpServletRequest request) {
        return Replies.fastApi(forwarder.json(request, "GET", "/api/billing/usage/my-usage", null), UnaryOperator.identity(), "query");
    }

    private Answer status(HttpServletRequest request) {
        return forwarder.json(request, "GET", "/api/users/me/api-key-status", null);
    }
}
