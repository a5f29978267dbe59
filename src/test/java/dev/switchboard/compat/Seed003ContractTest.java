package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.PeopleTestSupport;
import dev.switchboard.vault.KeyPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003 (RefactAI's key manager), replayed as its guide shows it: add the OpenRouter key with the guide's body, list
 * and read it masked, update its limits, spend through it, read the statistics with the budget used as a percentage,
 * set the default, toggle, test, ask for the active key, delete it; camelCase throughout, statuses in the seed's four
 * words; admin only (the seed had no authentication), so a user is refused with 403 on every path.
 */
class Seed003ContractTest extends PeopleTestSupport {

    private static final String SECRET = "sk-or-v1-72cfe0123456789abcdef0123456789abcdefd42f5d";
    private static final String OPENROUTER_MODEL = "meta-llama/llama-3.3-70b-instruct";

    @Autowired
    KeyPool pool;

    @BeforeEach
    @AfterEach
    void emptyThePool() {
        jdbc.sql("DELETE FROM provider_keys").update();
        pool.reload();
    }

    @Test
    void shouldReplayTheGuidesCallsInItsOwnFields() {
        var added = postJson("/api/llm/keys", """
                {"provider": "openrouter", "name": "My Production Key", "apiKey": "%s",
                 "description": "Production environment key", "dailyLimit": 10.0, "monthlyLimit": 100.0, "totalLimit": 1000.0}
                """.formatted(SECRET), "Authorization", ADMIN);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var key = json(added);
        var id = key.path("id").asString();
        assertThat(added.headers().firstValue("Location")).hasValue("/api/llm/keys/" + id);
        assertThat(key.path("apiKey").asString()).startsWith("sk-or-v1-").endsWith("2f5d").doesNotContain(SECRET.substring(12, 40));
        assertThat(key.path("provider").asString()).isEqualTo("openrouter");
        assertThat(key.path("name").asString()).isEqualTo("My Production Key");
        assertThat(key.path("description").asString()).isEqualTo("Production environment key");
        assertThat(key.path("isActive").asBoolean()).isTrue();
        assertThat(key.path("isDefault").asBoolean()).isFalse();
        assertThat(key.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(key.path("dailyLimit").decimalValue()).isEqualByComparingTo("10");
        assertThat(key.path("monthlyLimit").decimalValue()).isEqualByComparingTo("100");
        assertThat(key.path("totalLimit").decimalValue()).isEqualByComparingTo("1000");
        for (var zero : List.of("currentDailyCost", "currentMonthlyCost", "totalCost", "totalRequests", "successfulRequests", "failedRequests")) {
            assertThat(key.path(zero).decimalValue()).as(zero).isEqualByComparingTo("0");
        }
        assertThat(key.path("createdAt").asString()).isNotBlank();
        assertThat(key.has("lastUsed")).isTrue();
        assertThat(key.path("lastUsed").isNull()).isTrue();

        var all = get("/api/llm/keys", "Authorization", ADMIN);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all).isArray()).isTrue();
        assertThat(json(all).get(0).path("id").asString()).isEqualTo(id);
        assertThat(all.body()).doesNotContain(SECRET);
        assertThat(json(get("/api/llm/keys/" + id, "Authorization", ADMIN)).path("apiKey").asString()).isEqualTo(key.path("apiKey").asString());

        var updated = putJson("/api/llm/keys/" + id, """
                {"name": "Updated Name", "description": "Updated description", "dailyLimit": 20.0, "monthlyLimit": 200.0, "totalLimit": 2000.0}""",
                "Authorization", ADMIN);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("name").asString()).isEqualTo("Updated Name");
        assertThat(json(updated).path("dailyLimit").decimalValue()).isEqualByComparingTo("20");
        assertThat(json(updated).path("totalLimit").decimalValue()).isEqualByComparingTo("2000");

        // 1M prompt tokens at $0.13/M and 500k completion tokens at $0.40/M: $0.33 through this key
        OPENROUTER.willReply("Hi", 1_000_000, 500_000);
        assertThat(chat(OPENROUTER_MODEL, "Authorization", bearer(newUser())).statusCode()).isEqualTo(200);
        assertThat(OPENROUTER.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + SECRET);

        var used = json(get("/api/llm/keys/" + id, "Authorization", ADMIN));
        assertThat(used.path("currentDailyCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(used.path("currentMonthlyCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(used.path("totalCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(used.path("totalRequests").asLong()).isEqualTo(1);
        assertThat(used.path("successfulRequests").asLong()).isEqualTo(1);
        assertThat(used.path("failedRequests").asLong()).isZero();
        assertThat(used.path("lastUsed").asString()).isNotBlank();

        var statistics = get("/api/llm/keys/statistics", "Authorization", ADMIN);
        assertThat(statistics.statusCode()).isEqualTo(200);
        var s = json(statistics);
        assertThat(s.path("totalKeys").asInt()).isEqualTo(1);
        assertThat(s.path("activeKeys").asInt()).isEqualTo(1);
        assertThat(s.path("totalCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(s.path("totalRequests").asLong()).isEqualTo(1);
        assertThat(s.path("successfulRequests").asLong()).isEqualTo(1);
        assertThat(s.path("dailyCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(s.path("dailyLimit").decimalValue()).isEqualByComparingTo("20");
        assertThat(s.path("dailyBudgetUsed").decimalValue()).isEqualByComparingTo("1.65");
        assertThat(s.path("monthlyCost").decimalValue()).isEqualByComparingTo("0.33");
        assertThat(s.path("monthlyLimit").decimalValue()).isEqualByComparingTo("200");
        assertThat(s.path("monthlyBudgetUsed").decimalValue()).isEqualByComparingTo("0.17");

        var asDefault = post("/api/llm/keys/" + id + "/set-default", null);
        assertThat(json(asDefault).path("isDefault").asBoolean()).isTrue();

        var off = post("/api/llm/keys/" + id + "/toggle", "{\"active\": false}");
        assertThat(json(off).path("isActive").asBoolean()).isFalse();
        assertThat(json(off).path("status").asString()).isEqualTo("DISABLED");
        assertThat(json(off).path("switchboardStatus").asString()).isEqualTo("disabled");
        var on = post("/api/llm/keys/" + id + "/toggle", "{\"active\": true}");
        assertThat(json(on).path("status").asString()).isEqualTo("ACTIVE");

        var test = post("/api/llm/keys/" + id + "/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(json(test).path("valid").asBoolean()).isTrue();
        assertThat(json(test).path("result").asString()).isEqualTo("valid");
        assertThat(json(test).has("latencyMs")).isTrue();

        var active = get("/api/llm/keys/active", "Authorization", ADMIN);
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(json(active).path("id").asString()).isEqualTo(id);
        assertThat(json(active).path("apiKey").asString()).isEqualTo(key.path("apiKey").asString());

        assertThat(delete("/api/llm/keys/" + id, "Authorization", ADMIN).statusCode()).isEqualTo(204);
        assertProblem(get("/api/llm/keys/" + id, "Authorization", ADMIN), 404);
        assertProblem(get("/api/llm/keys/active", "Authorization", ADMIN), 404);
    }

    @Test
    void shouldTellALimitReachedAndRefuseBadInputByTheSeedsNames() {
        var id = json(postJson("/api/llm/keys", """
                {"provider": "openrouter", "name": "Small", "apiKey": "%s", "dailyLimit": 0.30}""".formatted(SECRET),
                "Authorization", ADMIN)).path("id").asString();
        // a one-token request reserves little; its answer reports $0.33 of tokens, past the $0.30 a day
        OPENROUTER.willReply("Hi", 1_000_000, 500_000);
        var call = postJson("/v1/chat/completions", """
                {"model": "%s", "max_tokens": 1, "messages": [{"role": "user", "content": "Hi"}]}""".formatted(OPENROUTER_MODEL),
                "Authorization", bearer(newUser()));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(OPENROUTER.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + SECRET);

        var limited = json(get("/api/llm/keys/" + id, "Authorization", ADMIN));
        assertThat(limited.path("status").asString()).isEqualTo("LIMIT_REACHED");
        assertThat(limited.path("switchboardStatus").asString()).isEqualTo("limit_reached");

        var negative = postJson("/api/llm/keys", """
                {"provider": "openrouter", "name": "Bad", "apiKey": "%s", "dailyLimit": -1}""".formatted(SECRET), "Authorization", ADMIN);
        assertProblem(negative, 400);
        assertThat(json(negative).path("detail").asString()).contains("'dailyLimit'").doesNotContain("daily_limit_usd");
        var unknown = postJson("/api/llm/keys", """
                {"provider": "openrouter", "name": "Bad", "apiKey": "%s", "colour": "red"}""".formatted(SECRET), "Authorization", ADMIN);
        assertProblem(unknown, 400);
        assertThat(json(unknown).path("detail").asString()).contains("colour");
        var noKey = postJson("/api/llm/keys", "{\"provider\": \"openrouter\", \"name\": \"Bad\"}", "Authorization", ADMIN);
        assertThat(json(noKey).path("detail").asString()).contains("'apiKey'");
    }

    @Test
    void shouldAskWhichProviderWhenThePoolHoldsSeveral() {
        postJson("/api/llm/keys", "{\"provider\": \"openrouter\", \"name\": \"a\", \"apiKey\": \"" + SECRET + "\"}", "Authorization", ADMIN);
        postJson("/api/llm/keys", "{\"provider\": \"groq\", \"name\": \"b\", \"apiKey\": \"gsk_pool-key-0123456789abcdef\"}", "Authorization", ADMIN);

        assertProblem(get("/api/llm/keys/active", "Authorization", ADMIN), 400);
        assertThat(json(get("/api/llm/keys/active?provider=groq", "Authorization", ADMIN)).path("name").asString()).isEqualTo("b");
    }

    @Test
    void shouldRefuseAUserOnEveryPathAndAskAnonymousCallersToSignIn() {
        var id = json(postJson("/api/llm/keys", "{\"provider\": \"openrouter\", \"name\": \"a\", \"apiKey\": \"" + SECRET + "\"}",
                "Authorization", ADMIN)).path("id").asString();
        var user = tokenOf(createPerson("user"));
        var calls = List.of(new String[] {"GET", "/api/llm/keys"}, new String[] {"POST", "/api/llm/keys"},
                new String[] {"GET", "/api/llm/keys/" + id}, new String[] {"PUT", "/api/llm/keys/" + id},
                new String[] {"DELETE", "/api/llm/keys/" + id}, new String[] {"POST", "/api/llm/keys/" + id + "/set-default"},
                new String[] {"POST", "/api/llm/keys/" + id + "/toggle"}, new String[] {"POST", "/api/llm/keys/" + id + "/test"},
                new String[] {"GET", "/api/llm/keys/statistics"}, new String[] {"GET", "/api/llm/keys/active"});
        for (var call : calls) {
            var body = call[0].equals("GET") || call[0].equals("DELETE") ? null : "{\"name\": \"taken over\", \"apiKey\": \"" + SECRET + "\"}";
            assertProblem(request(call[0], call[1], body, "Authorization", user), 403);
            assertProblem(request(call[0], call[1], body), 401);
        }
        var untouched = json(get("/api/llm/keys/" + id, "Authorization", ADMIN));
        assertThat(untouched.path("name").asString()).isEqualTo("a");
        assertThat(untouched.path("isDefault").asBoolean()).isFalse();
        assertThat(untouched.path("totalRequests").asLong()).isZero();
    }

    private java.net.http.HttpResponse<String> post(String path, String body) {
        return request("POST", path, body, "Authorization", ADMIN);
    }

    static JsonNode first(JsonNode array) {
        return array.get(0);
    }
}
