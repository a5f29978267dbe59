package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004 (member and BYOK modes, provider presets), replayed as its task list names the endpoints: the user's settings
 * (profile, notifications, member or BYOK mode), calls in both modes through the LLM proxy (the seed names no path: it
 * is {@code /v1}, with {@code X-BYOK-API-Key} / {@code X-BYOK-Base-URL}), the user's usage, the public pricing, and the
 * admin's provider presets: list, update, enable, multiplier, a key for a provider; admin paths 403 for a user.
 */
class Seed004ContractTest extends PeopleTestSupport {

    private static final String HEADER_KEY = "sk-byok-header-key-of-seed-004-0001";

    @Test
    void shouldKeepAUsersSettingsAndServeBothModes() {
        var token = tokenOf(createPerson("user"));

        var settings = get("/api/user/settings", "Authorization", token);
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(json(settings).path("llm_mode").asString()).isEqualTo("member");
        assertThat(json(settings).path("email").asString()).endsWith("@example.test");

        OPENAI.willReply("member answer", 10, 5);
        assertThat(chat("gpt-4o-mini", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);

        var changed = putJson("/api/user/settings", """
                {"username": "ada", "first_name": "Ada", "last_name": "Lovelace", "email_notifications": false,
                 "marketing_emails": false, "llm_mode": "byok", "byok_provider": "openai"}""", "Authorization", token);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        var mine = json(get("/api/user/settings", "Authorization", token));
        assertThat(mine.path("first_name").asString()).isEqualTo("Ada");
        assertThat(mine.path("email_notifications").asBoolean()).isFalse();
        assertThat(mine.path("llm_mode").asString()).isEqualTo("byok");
        assertThat(mine.path("byok_provider").asString()).isEqualTo("openai");
        assertProblem(putJson("/api/user/settings", "{\"llm_mode\": \"free\"}", "Authorization", token), 400);

        var withoutHeader = chat("gpt-4o-mini", "Authorization", token);
        assertThat(withoutHeader.statusCode()).as("a BYOK user never falls back to managed keys").isEqualTo(400);
        var byok = chat("gpt-4o-mini", "Authorization", token, "X-BYOK-API-Key", HEADER_KEY);
        assertThat(byok.statusCode()).as(byok.body()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + HEADER_KEY);
        var loopback = chat("gpt-4o-mini", "Authorization", token, "X-BYOK-API-Key", HEADER_KEY, "X-BYOK-Base-URL", OPENAI.baseUrl());
        assertThat(loopback.statusCode()).isEqualTo(400);
        assertThat(json(loopback).path("error").path("code").asString()).isEqualTo("byok_base_url_refused");

        var usage = get("/api/user/llm/usage?days=7", "Authorization", token);
        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(json(usage).path("days").asInt()).isEqualTo(7);
        assertThat(json(usage).path("total_requests").asLong()).isEqualTo(2);
        assertThat(json(usage).path("by_model").get(0).path("model").asString()).isEqualTo("gpt-4o-mini");
        assertProblem(get("/api/user/settings"), 401);
    }

    @Test
    void shouldLetAnAdminRunTheProviderPresets() {
        var admin = tokenOf(createPerson("admin"));

        var presets = json(get("/api/admin/llm/providers", "Authorization", admin));
        assertThat(multiplierOf(presets, "github")).isEqualTo("1.5");
        assertThat(multiplierOf(presets, "lmstudio")).isEqualTo("0.1");
        assertThat(multiplierOf(presets, "ollama")).isEqualTo("0.1");
        assertThat(multiplierOf(presets, "openai")).isEqualTo("1");
        assertThat(json(get("/api/admin/settings/providers", "Authorization", admin))).isEqualTo(presets);
        try {
            var multiplied = putJson("/api/admin/settings/providers/lmstudio/multiplier", "{\"multiplier\": 0.25}", "Authorization", admin);
            assertThat(multiplied.statusCode()).as(multiplied.body()).isEqualTo(200);
            assertThat(json(multiplied).path("credit_multiplier").decimalValue()).isEqualByComparingTo("0.25");
            assertThat(pricingMultiplier("lmstudio")).isEqualTo("0.25");
            var negative = putJson("/api/admin/settings/providers/lmstudio/multiplier", "{\"multiplier\": -1}", "Authorization", admin);
            assertProblem(negative, 400);
            assertThat(json(negative).path("detail").asString()).contains("'multiplier'");
            var full = putJson("/api/admin/settings/providers/lmstudio/multiplier", "{\"credit_multiplier\": 0.2}", "Authorization", admin);
            assertThat(json(full).path("credit_multiplier").decimalValue()).isEqualByComparingTo("0.2");

            var disabled = putJson("/api/admin/settings/providers/lmstudio/enable", "{\"enabled\": false}", "Authorization", admin);
            assertThat(json(disabled).path("enabled").asBoolean()).isFalse();
            assertThat(pricingMultiplier("lmstudio")).isNull();
            var enabled = request("PUT", "/api/admin/settings/providers/lmstudio/enable", null, "Authorization", admin);
            assertThat(json(enabled).path("enabled").asBoolean()).isTrue();
            assertProblem(putJson("/api/admin/settings/providers/lmstudio/enable", "{\"base_url\": \"http://x\"}", "Authorization", admin), 400);

            var updated = putJson("/api/admin/llm/providers/lmstudio", "{\"credit_multiplier\": 0.3, \"enabled\": true}", "Authorization", admin);
            assertThat(json(updated).path("credit_multiplier").decimalValue()).isEqualByComparingTo("0.3");
            assertProblem(putJson("/api/admin/llm/providers/no-such", "{\"enabled\": true}", "Authorization", admin), 404);
        } finally {
            putJson("/api/admin/providers/lmstudio", "{\"credit_multiplier\": 0.1, \"enabled\": true}", "Authorization", admin);
        }
        assertThat(pricingMultiplier("lmstudio")).isEqualTo("0.1");
    }

    @Test
    void shouldAddAKeyForAProviderAndShowItInItsKeyStatus() {
        var admin = tokenOf(createPerson("admin"));
        var secret = "sk-or-v1-seed-004-admin-key-0123456789abcdef";

        var added = postJson("/api/admin/llm/providers/openrouter/keys", "{\"api_key\": \"" + secret + "\"}", "Authorization", admin);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var key = json(added);
        try {
            assertThat(added.body()).doesNotContain(secret);
            assertThat(key.path("provider").asString()).isEqualTo("openrouter");
            assertThat(key.path("name").asString()).startsWith("openrouter-");
            var openrouter = providerNamed(json(get("/api/admin/settings/providers", "Authorization", admin)), "openrouter");
            assertThat(openrouter.path("pool_keys").asInt()).isEqualTo(1);
            assertThat(openrouter.path("has_env_key").asBoolean()).isTrue();
            var named = postJson("/api/admin/llm/providers/openrouter/keys", "{\"api_key\": \"short\", \"name\": \"x\"}", "Authorization", admin);
            assertProblem(named, 400);
        } finally {
            delete("/api/admin/llm-keys/" + key.path("id").asString(), "Authorization", admin);
        }
    }

    @Test
    void shouldRefuseAUserOnTheAdminPathsAndShowPricingToAnyone() {
        var user = tokenOf(createPerson("user"));
        var calls = List.of(new String[] {"GET", "/api/admin/llm/providers"}, new String[] {"PUT", "/api/admin/llm/providers/lmstudio"},
                new String[] {"POST", "/api/admin/llm/providers/lmstudio/keys"}, new String[] {"GET", "/api/admin/settings/providers"},
                new String[] {"PUT", "/api/admin/settings/providers/lmstudio/enable"},
                new String[] {"PUT", "/api/admin/settings/providers/lmstudio/multiplier"});
        for (var call : calls) {
            var body = call[0].equals("GET") ? null : "{\"enabled\": false, \"multiplier\": 9, \"api_key\": \"sk-user-takeover-0123456789\"}";
            assertProblem(request(call[0], call[1], body, "Authorization", user), 403);
        }
        assertThat(pricingMultiplier("lmstudio")).isEqualTo("0.1");

        var pricing = get("/api/pricing/providers");
        assertThat(pricing.statusCode()).isEqualTo(200);
        var openai = providerNamed(json(pricing), "openai");
        assertThat(openai.path("credit_multiplier").decimalValue()).isEqualByComparingTo("1");
        assertThat(openai.path("models").get(0).has("input_price_per_1m")).isTrue();
    }

    private String pricingMultiplier(String provider) {
        for (var p : json(get("/api/pricing/providers"))) {
            if (p.path("id").asString().equals(provider)) {
                return p.path("credit_multiplier").decimalValue().stripTrailingZeros().toPlainString();
            }
        }
        return null;
    }

    private static String multiplierOf(JsonNode page, String provider) {
        return providerNamed(page, provider).path("credit_multiplier").decimalValue().stripTrailingZeros().toPlainString();
    }

    private static JsonNode providerNamed(JsonNode pageOrList, String provider) {
        for (var p : pageOrList.has("data") ? pageOrList.path("data") : pageOrList) {
            if (p.path("id").asString().equals(provider)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + provider + " in " + pageOrList);
    }
}
