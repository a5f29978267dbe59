package dev.switchboard.vault.web;

import dev.switchboard.access.Caller;
import dev.switchboard.vault.KeyBundles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key pool's encrypted export and import ({@link KeyBundles}). The passphrase travels in the
 * {@code X-Export-Passphrase} header of {@code GET …/export} or in the body of {@code POST …/export}, never in a URL, where
 * access logs and proxies would keep it.
 */
@RestController
class AdminKeyBundlesController {

    private final KeyBundles bundles;

    AdminKeyBundlesController(KeyBundles bundles) {
        this.bundles = bundles;
    }

    @GetMapping("/api/admin/llm-keys/export")
    ObjectNode export(Caller caller, @RequestHeader(name = "X-Export-Passphrase", required = false) String passphrase,
                      HttpServletRequest request) {
        if (request.getParameter("passphrase") != null) {
            throw bad("Send the passphrase in the X-Export-Passphrase header (or POST it in the body), never in the URL.");
        }
        return bundles.export(passphrase(passphrase));
    }

    @PostMapping("/api/admin/llm-keys/export")
    ObjectNode exportPosted(Caller caller, @RequestBody JsonNode body) {
        return bundles.export(passphrase(body == null ? null : body.path("passphrase").asString(null)));
    }

    @PostMapping("/api/admin/llm-keys/import")
    KeyBundles.Imported importBundle(Caller caller, @RequestBody JsonNode body) {
        if (body == null || !body.isObject() || !body.path("bundle").isObject()) {
            throw bad("The body must be {\"passphrase\": \"…\", \"bundle\": {…}}, the bundle as the export answered it.");
        }
        return bundles.importBundle(passphrase(body.path("passphrase").asString(null)), body.get("bundle"));
    }

    @ExceptionHandler(KeyBundles.Unopened.class)
    ResponseEntity<org.springframework.http.ProblemDetail> unopened(KeyBundles.Unopened e) {
        return ResponseEntity.badRequest().body(org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    private static String passphrase(String passphrase) {
        if (passphrase == null || passphrase.length() < KeyBundles.MIN_PASSPHRASE) {
            throw bad("'passphrase' must be at least " + KeyBundles.MIN_PASSPHRASE + " characters long.");
        }
        return passphrase;
    }

    private static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
