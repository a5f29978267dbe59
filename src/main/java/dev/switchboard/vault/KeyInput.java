package dev.switchboard.vault;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;

import dev.switchboard.access.InvalidField;
import dev.switchboard.money.Money;

/**
 * The rules a provider key's typed values obey, for the pool's keys and users' own alike, written once so that the API
 * ({@code /api/admin/llm-keys}, {@code /api/users/me/api-key}) and the console refuse the same values with the same
 * words. Each method returns the value as it is stored, or throws {@link Invalid} naming the field and the rule broken
 * (never the value: it may be a secret).
 */
public final class KeyInput {

    public static final int MAX_NAME = 100;
    public static final int MAX_PRIORITY = 1_000_000;
    private static final BigDecimal MAX_LIMIT_USD = BigDecimal.valueOf(1_000_000_000L);

    private KeyInput() {
    }

    /** A provider's secret: 8 to 1024 printable ASCII characters, no spaces (what every provider issues). */
    public static String secret(String field, String key) {
        var trimmed = key == null ? "" : key.trim();
        if (trimmed.length() < 8 || trimmed.length() > 1024 || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new Invalid(field, "must be 8 to 1024 printable characters without spaces.");
        }
        return trimmed;
    }

    /** A spending limit in USD: from 0 to a billion, at most nine decimals (nano-USD); null for no limit. */
    public static Money limit(String field, BigDecimal usd) {
        if (usd == null) {
            return null;
        }
        try {
            if (usd.signum() < 0 || usd.compareTo(MAX_LIMIT_USD) > 0) {
                throw new ArithmeticException();
            }
            return Money.ofUsd(usd);
        } catch (ArithmeticException | IllegalArgumentException e) { // Money refuses more than nine decimals
            throw new Invalid(field, "must be a USD amount from 0 to 1000000000 with at most 9 decimals");
        }
    }

    /** The order keys are tried in: 0 to a million, lower first. */
    public static int priority(String field, long priority) {
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new Invalid(field, "must be an integer from 0 to 1000000 (lower is tried first).");
        }
        return (int) priority;
    }

    /** A base URL for the provider's API: http(s) with a host, kept without its trailing slash; blank or null for the provider's own. */
    public static String baseUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        var value = url.trim();
        try {
            var uri = URI.create(value);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } catch (IllegalArgumentException e) {
            throw new Invalid(field, "must be an http(s) URL such as https://api.openai.com/v1.");
        }
    }

    /** A key's name: 1 to {@value #MAX_NAME} characters once trimmed. */
    public static String name(String field, String name) {
        var trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new Invalid(field, "is required.");
        }
        if (trimmed.length() > MAX_NAME) {
            throw new Invalid(field, "must be at most " + MAX_NAME + " characters long.");
        }
        return trimmed;
    }

    /** A value refused ({@link InvalidField}): the field as the API names it and the rule it breaks. */
    public static final class Invalid extends InvalidField {

        public Invalid(String field, String rule) {
            super(field, rule);
        }
    }
}
