package dev.switchboard.access.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.access.Caller;
import dev.switchboard.access.GatewayKeys;
import dev.switchboard.access.Limits;
import dev.switchboard.access.LimitsView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The caller's own gateway keys ({@code sk-sb-…}) for applications: the secret is in the answer to the POST that
 * creates a key and nowhere else, ever; listings show the last four characters.
 */
@RestController
class MyGatewayKeysController {

    private static final int MAX_NAME = 100;
    private final GatewayKeys keys;

    MyGatewayKeysController(GatewayKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/api/users/me/gateway-keys")
    List<KeyView> list(Caller caller) {
        return keys.list(caller.userId()).stream().map(KeyView::of).toList();
    }

    @PostMapping("/api/users/me/gateway-keys")
    ResponseEntity<CreatedView> create(Caller caller, @RequestBody(required = false) CreateRequest body) {
        var request = body == null ? new CreateRequest(null, null, null, null, null, null, null, null) : body;
        var name = request.name() == null || request.name().isBlank() ? "gateway key" : request.name().trim();
        if (name.length() > MAX_NAME) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'name' must be at most " + MAX_NAME + " characters long.");
        }
        if (Boolean.TRUE.equals(request.admin()) && !caller.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin can create a key with admin rights.");
        }
        Long expiresAt = null;
        if (request.expiresInDays() != null) {
            if (request.expiresInDays() < 1 || request.expiresInDays() > 3660) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'expires_in_days' must be between 1 and 3660.");
            }
            expiresAt = Instant.now().plus(Duration.ofDays(request.expiresInDays())).toEpochMilli();
        }
        var limits = Limits.fromWire(request.rpmLimit(), request.tpmLimit(), request.dailyBudgetUsd(), request.monthlyBudgetUsd(),
                request.allowedModels());
        var created = keys.create(caller.userId(), name, Boolean.TRUE.equals(request.admin()), expiresAt, limits);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(created.id(), created.name(), created.secret(),
                Boolean.TRUE.equals(request.admin()), expiresAt == null ? null : Instant.ofEpochMilli(expiresAt).toString(),
                LimitsView.of(limits)));
    }

    @DeleteMapping("/api/users/me/gateway-keys/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable String id) {
        if (!keys.revoke(caller.userId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no active gateway key with id " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }

    /** A new key, with optional limits of its own (enforced by budget: budgets per billing day and month, rates, models). */
    record CreateRequest(String name, Boolean admin, @JsonProperty("expires_in_days") Integer expiresInDays,
                         @JsonProperty("rpm_limit") Integer rpmLimit, @JsonProperty("tpm_limit") Long tpmLimit,
                         @JsonProperty("daily_budget_usd") BigDecimal dailyBudgetUsd,
                         @JsonProperty("monthly_budget_usd") BigDecimal monthlyBudgetUsd,
                         @JsonProperty("allowed_models") List<String> allowedModels) {
    }

    /** The only place a secret is ever shown. */
    record CreatedView(String id, String name, String key, boolean admin, @JsonProperty("expires_at") String expiresAt,
                       @JsonUnwrapped LimitsView limits) {
    }

    record KeyView(String id, String name, @JsonProperty("masked_key") String maskedKey, boolean admin,
                   @JsonProperty("created_at") String createdAt, @JsonProperty("expires_at") String expiresAt,
                   @JsonUnwrapped LimitsView limits) {
        static KeyView of(GatewayKeys.GatewayKeyInfo info) {
            return new KeyView(info.id(), info.name(), "****" + info.tail(), info.admin(),
                    Instant.ofEpochMilli(info.createdAtMillis()).toString(),
                    info.expiresAtMillis() == null ? null : Instant.ofEpochMilli(info.expiresAtMillis()).toString(), LimitsView.of(info.limits()));
        }
    }
}
