package dev.switchboard.vault.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.vault.KeyInput;
import dev.switchboard.vault.UserKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * The caller's own provider keys. {@code PATCH /api/users/me/api-key} takes {@code {"openai_api_key": "…"}} (one field
 * per provider that needs a key: {@code <provider>_api_key}, GitHub's is {@code github_token}); a non-empty string
 * stores the key, an empty string removes it, an absent or null field leaves it. Keys are never shown again: the status
 * holds {@code has_<provider>_key} and a masked tail.
 */
@RestController
class MyProviderKeysController {

    private final UserKeys keys;
    private final Catalog catalog;

    MyProviderKeysController(UserKeys keys, Catalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    @GetMapping("/api/users/me/api-key-status")
    Map<String, Object> status(Caller caller) {
        var stored = keys.status(caller.userId());
        var status = new LinkedHashMap<String, Object>();
        for (var provider : keyedProviders()) {
            var mine = stored.stream().filter(k -> k.providerId().equals(provider.id())).findFirst();
            status.put("has_" + provider.id() + "_key", mine.isPresent());
            mine.ifPresent(k -> status.put(provider.id() + "_key_masked", k.masked()));
        }
        return status;
    }

    @PatchMapping("/api/users/me/api-key")
    Map<String, Object> update(Caller caller, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw badRequest("The body must be a JSON object such as {\"openai_api_key\": \"...\"}.");
        }
        var changes = new LinkedHashMap<Provider, String>();
        for (var field : body.properties()) {
            var provider = providerOfField(field.getKey()).orElseThrow(() -> badRequest("Unknown field '" + field.getKey()
                    + "'. Known fields: " + String.join(", ", keyedProviders().stream().map(MyProviderKeysController::fieldOf).toList()) + "."));
            var value = field.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isString()) {
                throw badRequest("'" + field.getKey() + "' must be a string.");
            }
            changes.put(provider, checked(field.getKey(), value.stringValue().trim()));
        }
        changes.forEach((provider, key) -> {
            if (key.isEmpty()) {
                keys.delete(caller.userId(), provider.id());
            } else {
                keys.put(caller.userId(), provider.id(), key);
            }
        });
        return status(caller);
    }

    @DeleteMapping("/api/users/me/api-key")
    ResponseEntity<Void> delete(Caller caller, @RequestParam(required = false) String provider) {
        if (provider == null || provider.isBlank()) {
            throw badRequest("Say which key to remove: ?provider=openai");
        }
        var known = keyedProviders().stream().filter(p -> p.id().equals(provider.trim())).findFirst()
                .orElseThrow(() -> badRequest("Unknown provider '" + provider + "'."));
        keys.delete(caller.userId(), known.id());
        return ResponseEntity.noContent().build();
    }

    private List<Provider> keyedProviders() {
        return catalog.providers().stream().filter(Provider::requiresKey)
                .sorted(Comparator.comparing(Provider::id)).toList();
    }

    private Optional<Provider> providerOfField(String field) {
        return keyedProviders().stream().filter(p -> fieldOf(p).equals(field)).findFirst();
    }

    private static String fieldOf(Provider provider) {
        return provider.id().equals("github") ? "github_token" : provider.id() + "_api_key";
    }

    /** The key as given ({@link KeyInput#secret}), empty to remove it, or a refusal that names the field and never repeats the value. */
    private static String checked(String field, String key) {
        if (key.isEmpty()) {
            return key;
        }
        try {
            return KeyInput.secret(field, key);
        } catch (KeyInput.Invalid e) {
            throw badRequest(e.getMessage());
        }
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
