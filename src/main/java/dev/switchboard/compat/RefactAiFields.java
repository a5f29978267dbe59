package dev.switchboard.compat;

import java.math.BigDecimal;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 003's camelCase on the wire and Switchboard's snake_case: request fields renamed on the way in (a field it does
 * not know goes on as it came, for the route to refuse by name), answers renamed on the way out, and a key's status
 * told in the seed's four words. Names only: every value is the route's.
 */
final class RefactAiFields {

    /** The seed's request fields and the Switchboard fields they are. */
    static final Map<String, String> IN = Map.of("apiKey", "api_key", "dailyLimit", "daily_limit_usd",
            "monthlyLimit", "monthly_limit_usd", "totalLimit", "total_limit_usd", "expiresAt", "expires_at",
            "isDefault", "is_default", "baseUrl", "base_url", "isActive", "is_active");
    /** Switchboard's fields in a refusal's detail, told by the seed's names. */
    static final Map<String, String> BACK = IN.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    /** A key's fields that the seed always showed, null when there is nothing to show. */
    private static final java.util.List<String> ALWAYS = java.util.List.of("description", "dailyLimit", "monthlyLimit", "totalLimit",
            "expiresAt", "lastUsed");
    private static final Map<String, String> OUT = Map.of("last_used_at", "lastUsed", "latency_ms", "latencyMs");
    /**
     * Switchboard's seven statuses in the seed's four: a key cooling down after a 429 is still in rotation (ACTIVE), one
     * at its total limit is at a limit like the seed's (LIMIT_REACHED), one its provider refused is out until an admin
     * looks at it (DISABLED). {@code switchboardStatus} keeps the exact one.
     */
    private static final Map<String, String> STATUS = Map.of("active", "ACTIVE", "cooling_down", "ACTIVE",
            "limit_reached", "LIMIT_REACHED", "exhausted", "LIMIT_REACHED", "expired", "EXPIRED", "disabled", "DISABLED",
            "invalid", "DISABLED");
    private static final java.util.List<String> PERCENTAGES = java.util.List.of("dailyBudgetUsed", "monthlyBudgetUsed", "totalBudgetUsed");

    private RefactAiFields() {
    }

    /** A seed request body in Switchboard's names; anything but an object is passed on untouched. */
    static JsonNode in(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            return body;
        }
        var renamed = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(field -> renamed.set(IN.getOrDefault(field.getKey(), field.getKey()), field.getValue()));
        return renamed;
    }

    /** A key (or a list of them) in the seed's shape. */
    static JsonNode key(JsonNode key) {
        if (key instanceof ArrayNode keys) {
            var out = JsonNodeFactory.instance.arrayNode();
            keys.forEach(k -> out.add(key(k)));
            return out;
        }
        var out = camel(key);
        ALWAYS.forEach(field -> {
            if (!out.has(field)) {
                out.putNull(field);
            }
        });
        if (out.path("status").isString()) {
            var exact = out.path("status").stringValue();
            out.put("switchboardStatus", exact);
            out.put("status", STATUS.getOrDefault(exact, exact.toUpperCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /** The pool's statistics in the seed's shape; a budget share without a limit is 0, as the seed's doubles were. */
    static JsonNode statistics(JsonNode statistics) {
        var out = camel(statistics);
        PERCENTAGES.forEach(p -> {
            if (!out.has(p) || out.get(p).isNull()) {
                out.put(p, BigDecimal.ZERO);
            }
        });
        return out;
    }

    /** A key test: Switchboard's result, and {@code valid} as the seed's dashboard reads it. */
    static JsonNode test(JsonNode test) {
        var out = camel(test);
        out.put("valid", "valid".equals(out.path("result").asString("")));
        return out;
    }

    /** Every field renamed: snake_case to camelCase, a trailing {@code _usd} dropped (the seed's amounts are USD). */
    private static ObjectNode camel(JsonNode node) {
        var out = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(field -> out.set(camelName(field.getKey()), field.getValue()));
        return out;
    }

    static String camelName(String snake) {
        if (OUT.containsKey(snake)) {
            return OUT.get(snake);
        }
        var name = snake.endsWith("_usd") ? snake.substring(0, snake.length() - 4) : snake;
        var camel = new StringBuilder();
        var upper = false;
        for (var c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
