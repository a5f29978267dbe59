package dev.switchboard.vault.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
import dev.switchboard.vault.KeyInput;
import dev.switchboard.vault.KeyPool;
import dev.switchboard.vault.KeyStatus;
import dev.switchboard.vault.PoolKeyAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/llm-keys}: the admin key pool (seed 003's key manager). Keys go in with {@code api_key} and come out
 * masked, never again in clear. Bad input is a 400 problem detail naming the field; the admin role is enforced for all
 * of /api/admin/**.
 */
@RestController
class AdminKeysController {

    private static final Set<String> NEW_FIELDS = Set.of("provider", "name", "api_key", "description", "daily_limit_usd",
            "monthly_limit_usd", "total_limit_usd", "expires_at", "priority", "is_default", "base_url");
    private static final Set<String> CHANGE_FIELDS = Set.of("name", "description", "daily_limit_usd", "monthly_limit_usd",
            "total_limit_usd", "expires_at", "priority", "base_url");

    private final PoolKeyAdmin admin;
    private final KeyPool pool;
    private final Catalog catalog;
    private final BillingCalendar calendar;

    AdminKeysController(PoolKeyAdmin admin, KeyPool pool, Catalog catalog, BillingCalendar calendar) {
        this.admin = admin;
        this.pool = pool;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    @GetMapping("/api/admin/llm-keys")
    List<KeyView> list(Caller caller, @RequestParam(required = false) String provider, @RequestParam(required = false) String status) {
        var wanted = status == null ? null : statusOf(status);
        return admin.list().stream()
                .filter(k -> provider == null || k.providerId().equals(provider))
                .filter(k -> wanted == null || k.status() == wanted)
                .map(KeyView::of).toList();
    }

    @GetMapping("/api/admin/llm-keys/{id}")
    KeyView one(Caller caller, @PathVariable String id) {
        return admin.find(id).map(KeyView::of).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/api/admin/llm-keys")
    ResponseEntity<KeyView> add(Caller caller, @RequestBody JsonNode body) {
        var fields = object(body, NEW_FIELDS);
        var provider = checked(() -> admin.provider(requiredText(fields, "provider", 64)));
        var name = checked(() -> admin.name(provider, optionalText(fields, "name", Integer.MAX_VALUE, null), null));
        var apiKey = checked(() -> KeyInput.secret("api_key", requiredText(fields, "api_key", 1024)));
        var key = new PoolKeyAdmin.NewKey(provider, name, apiKey, optionalText(fields, "description", 500, null),
                limit(fields, "daily_limit_usd", null), limit(fields, "monthly_limit_usd", null), limit(fields, "total_limit_usd", null),
                expiry(fields, null), priority(fields, 0), bool(fields, "is_default", false), baseUrl(fields, null));
        var view = KeyView.of(admin.add(key));
        return ResponseEntity.created(URI.create("/api/admin/llm-keys/" + view.id())).body(view);
    }

    /** Changes the settings present in the body; an absent field keeps its value, a null limit, expiry or base URL clears it. */
    @PutMapping("/api/admin/llm-keys/{id}")
    KeyView change(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        var fields = object(body, CHANGE_FIELDS);
        var current = admin.find(id).orElseThrow(() -> notFound(id));
        var name = fields.has("name") ? checked(() -> admin.name(current.providerId(), optionalText(fields, "name", Integer.MAX_VALUE, null), id))
                : current.name();
        var settings = new PoolKeyAdmin.Settings(name, optionalText(fields, "description", 500, current.description()),
                limit(fields, "daily_limit_usd", current.dailyLimit()), limit(fields, "monthly_limit_usd", current.monthlyLimit()),
                limit(fields, "total_limit_usd", current.totalLimit()), expiry(fields, current.expiresAt()),
                priority(fields, current.priority()), baseUrl(fields, current.baseUrl()));
        return admin.change(id, settings).map(KeyView::of).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/api/admin/llm-keys/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        if (!admin.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/admin/llm-keys/{id}/set-default")
    KeyView setDefault(Caller caller, @PathVariable String id) {
        return admin.makeDefault(id).map(KeyView::of).orElseThrow(() -> notFound(id));
    }

    /** {@code {"active": false}} switches a key off, {@code true} on; without a body it flips. */
    @PostMapping("/api/admin/llm-keys/{id}/toggle")
    KeyView toggle(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        var current = admin.find(id).orElseThrow(() -> notFound(id));
        var active = !current.active();
        if (body != null && !body.isNull()) {
            var fields = object(body, Set.of("active", "is_active"));
            var flag = fields.has("active") ? fields.get("active") : fields.get("is_active");
            if (flag == null || !flag.isBoolean()) {
                throw bad("active", "'active' must be true or false.");
            }
            active = flag.booleanValue();
        }
        return admin.switchOn(id, active).map(KeyView::of).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/admin/llm-keys/statistics")
    Statistics statistics(Caller caller, @RequestParam(required = false) String provider) {
        var keys = admin.list().stream().filter(k -> provider == null || k.providerId().equals(provider)).toList();
        var active = keys.stream().filter(k -> k.status() == KeyStatus.ACTIVE).count();
        var dailyCost = sum(keys.stream().map(PoolKeyAdmin.View::dailyCost).toList());
        var monthlyCost = sum(keys.stream().map(PoolKeyAdmin.View::monthlyCost).toList());
        var totalCost = sum(keys.stream().map(PoolKeyAdmin.View::totalCost).toList());
        var dailyLimit = sum(keys.stream().filter(k -> k.active()).map(PoolKeyAdmin.View::dailyLimit).toList());
        var monthlyLimit = sum(keys.stream().filter(k -> k.active()).map(PoolKeyAdmin.View::monthlyLimit).toList());
        var totalLimit = sum(keys.stream().filter(k -> k.active()).map(PoolKeyAdmin.View::totalLimit).toList());
        var requests = keys.stream().mapToLong(PoolKeyAdmin.View::totalRequests).sum();
        var successes = keys.stream().mapToLong(PoolKeyAdmin.View::successfulRequests).sum();
        return new Statistics(keys.size(), active, totalCost.toUsd(), dailyCost.toUsd(), dailyLimit.toUsd(), percent(dailyCost, dailyLimit),
                monthlyCost.toUsd(), monthlyLimit.toUsd(), percent(monthlyCost, monthlyLimit), totalLimit.toUsd(), percent(totalCost, totalLimit),
                requests, successes, requests - successes, requests == 0 ? null : percent(successes, requests));
    }

    @GetMapping("/api/admin/llm-keys/active")
    Active active(Caller caller, @RequestParam String provider) {
        if (catalog.provider(provider).isEmpty()) {
            throw bad("provider", "No provider '" + provider + "'.");
        }
        var explanation = pool.explain(provider);
        var chosen = explanation.keyId() == null ? null : admin.find(explanation.keyId()).map(KeyView::of).orElse(null);
        return new Active(provider, chosen, explanation.others().stream().map(o -> new Passed(o.keyId(), o.name(), o.why())).toList(),
                chosen == null ? (explanation.others().isEmpty() ? "no pool keys for " + provider : "no pool key can serve now") : null);
    }

    record Active(String provider, KeyView key, List<Passed> others, String note) {
    }

    record Passed(String id, String name, String why) {
    }

    record Statistics(@JsonProperty("total_keys") long totalKeys, @JsonProperty("active_keys") long activeKeys,
                      @JsonProperty("total_cost_usd") BigDecimal totalCost, @JsonProperty("daily_cost_usd") BigDecimal dailyCost,
                      @JsonProperty("daily_limit_usd") BigDecimal dailyLimit, @JsonProperty("daily_budget_used") BigDecimal dailyBudgetUsed,
                      @JsonProperty("monthly_cost_usd") BigDecimal monthlyCost, @JsonProperty("monthly_limit_usd") BigDecimal monthlyLimit,
                      @JsonProperty("monthly_budget_used") BigDecimal monthlyBudgetUsed, @JsonProperty("total_limit_usd") BigDecimal totalLimit,
                      @JsonProperty("total_budget_used") BigDecimal totalBudgetUsed, @JsonProperty("total_requests") long totalRequests,
                      @JsonProperty("successful_requests") long successfulRequests, @JsonProperty("failed_requests") long failedRequests,
                      @JsonProperty("success_rate") BigDecimal successRate) {
    }

    /** A key on the wire: masked, never the secret. */
    record KeyView(String id, String provider, String name, String description, @JsonProperty("api_key") String apiKey,
                   @JsonProperty("base_url") String baseUrl, @JsonProperty("daily_limit_usd") BigDecimal dailyLimit,
                   @JsonProperty("monthly_limit_usd") BigDecimal monthlyLimit, @JsonProperty("total_limit_usd") BigDecimal totalLimit,
                   @JsonProperty("expires_at") Instant expiresAt, int priority, @JsonProperty("is_default") boolean isDefault,
                   @JsonProperty("is_active") boolean active, String status,
                   @JsonProperty("current_daily_cost_usd") BigDecimal dailyCost, @JsonProperty("current_monthly_cost_usd") BigDecimal monthlyCost,
                   @JsonProperty("total_cost_usd") BigDecimal totalCost, @JsonProperty("daily_used_percent") BigDecimal dailyUsed,
                   @JsonProperty("monthly_used_percent") BigDecimal monthlyUsed, @JsonProperty("total_used_percent") BigDecimal totalUsed,
                   @JsonProperty("total_requests") long totalRequests, @JsonProperty("successful_requests") long successfulRequests,
                   @JsonProperty("failed_requests") long failedRequests, @JsonProperty("last_used_at") Instant lastUsedAt,
                   @JsonProperty("cooldown_until") Instant cooldownUntil, @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("updated_at") Instant updatedAt) {

        static KeyView of(PoolKeyAdmin.View k) {
            return new KeyView(k.id(), k.providerId(), k.name(), k.description(), k.maskedKey(), k.baseUrl(), usd(k.dailyLimit()),
                    usd(k.monthlyLimit()), usd(k.totalLimit()), k.expiresAt(), k.priority(), k.isDefault(), k.active(), k.status().wire(),
                    k.dailyCost().toUsd(), k.monthlyCost().toUsd(), k.totalCost().toUsd(), percent(k.dailyCost(), k.dailyLimit()),
                    percent(k.monthlyCost(), k.monthlyLimit()), percent(k.totalCost(), k.totalLimit()), k.totalRequests(),
                    k.successfulRequests(), k.failedRequests(), k.lastUsedAt(), k.cooldownUntil(), k.createdAt(), k.updatedAt());
        }
    }

    private static BigDecimal usd(Money money) {
        return money == null ? null : money.toUsd();
    }

    private static Money sum(List<Money> amounts) {
        return amounts.stream().filter(m -> m != null).reduce(Money.ZERO, Money::plus);
    }

    private static BigDecimal percent(Money part, Money whole) {
        return whole == null || whole.nanoUsd() == 0 ? null : percent(part.nanoUsd(), whole.nanoUsd());
    }

    private static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static ObjectNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw bad(null, "The body must be a JSON object.");
        }
        for (var name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw bad(name, "'" + name + "' is not a field of this request. Allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        return (ObjectNode) body;
    }

    private static String requiredText(ObjectNode fields, String field, int max) {
        var value = optionalText(fields, field, max, null);
        if (value == null || value.isBlank()) {
            throw bad(field, "'" + field + "' is required.");
        }
        return value;
    }

    private static String optionalText(ObjectNode fields, String field, int max, String current) {
        if (!fields.has(field)) {
            return current;
        }
        var node = fields.get(field);
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw bad(field, "'" + field + "' must be a string.");
        }
        var value = node.stringValue().trim();
        if (value.length() > max) {
            throw bad(field, "'" + field + "' must be at most " + max + " characters long.");
        }
        return value;
    }

    private static Money limit(ObjectNode fields, String field, Money current) {
        if (!fields.has(field)) {
            return current;
        }
        var node = fields.get(field);
        if (node.isNull()) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = node.isNumber() ? node.decimalValue() : node.isString() ? new BigDecimal(node.stringValue().trim()) : null;
        } catch (NumberFormatException e) {
            amount = null;
        }
        try {
            return KeyInput.limit(field, amount == null ? BigDecimal.ONE.negate() : amount); // not a number: out of range
        } catch (KeyInput.Invalid e) {
            throw bad(field, e.getMessage() + ", or null for no limit.");
        }
    }

    private Instant expiry(ObjectNode fields, Instant current) {
        if (!fields.has("expires_at")) {
            return current;
        }
        var node = fields.get("expires_at");
        if (node.isNull()) {
            return null;
        }
        try {
            var when = Instant.parse(node.asString(""));
            if (!when.isAfter(calendar.now())) {
                throw bad("expires_at", "'expires_at' must be in the future.");
            }
            return when;
        } catch (DateTimeParseException e) {
            throw bad("expires_at", "'expires_at' must be an ISO-8601 instant such as 2027-01-31T00:00:00Z.");
        }
    }

    private static int priority(ObjectNode fields, int current) {
        if (!fields.has("priority") || fields.get("priority").isNull()) {
            return current;
        }
        var node = fields.get("priority");
        var value = node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : -1; // not an integer: out of range
        return checked(() -> KeyInput.priority("priority", value));
    }

    private static boolean bool(ObjectNode fields, String field, boolean fallback) {
        if (!fields.has(field) || fields.get(field).isNull()) {
            return fallback;
        }
        if (!fields.get(field).isBoolean()) {
            throw bad(field, "'" + field + "' must be true or false.");
        }
        return fields.get(field).booleanValue();
    }

    private static String baseUrl(ObjectNode fields, String current) {
        var value = optionalText(fields, "base_url", 500, current);
        if (value == null || value.equals(current)) {
            return value;
        }
        return checked(() -> KeyInput.baseUrl("base_url", value));
    }

    /** A vault rule's refusal as this API's 400 (its message names the field as the request did). */
    private static <T> T checked(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (KeyInput.Invalid e) {
            throw bad(e.field(), e.getMessage());
        }
    }

    private static KeyStatus statusOf(String status) {
        try {
            return KeyStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("status", "'status' must be one of: " + String.join(", ", java.util.Arrays.stream(KeyStatus.values()).map(KeyStatus::wire).toList()) + ".");
        }
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No pool key '" + id + "'.");
    }

    private static ResponseStatusException bad(String field, String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
