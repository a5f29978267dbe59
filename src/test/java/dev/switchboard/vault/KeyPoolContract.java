package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.switchboard.metering.UsageRetention;
import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The admin key pool, end to end through the gateway: keys added, shown masked and never again in clear; chosen before
 * the environment key; rotated within one request on 429 and 401; cooled down, invalidated, limited per day, month and
 * in total with resets at the billing zone's boundaries (New York here, on a clock the tests move); no overspend under
 * concurrency. The pool keys serve the test provider "acme", which has no environment key, at the OpenAI mock.
 */
@Import(KeyPoolContract.Clocked.class)
@TestPropertySource(properties = {"switchboard.billing.time-zone=America/New_York", "switchboard.pool.refresh-period=1h"})
abstract class KeyPoolContract extends GatewayTestSupport {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant START = ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, NEW_YORK).toInstant();
    static final MutableClock CLOCK = new MutableClock(START);
    static final String KEY_A = "sk-acme-pool-key-aaaaaaaaaaaaaaaaaaaa1111";
    static final String KEY_B = "sk-acme-pool-key-bbbbbbbbbbbbbbbbbbbb2222";
    /** 12 prompt and 10 completion tokens at acme's $1 / $2 per 1M tokens: 32,000 nano-USD a call. */
    static final long CALL_COST = 32_000;
    static final String COMPLETION = """
            {"id":"chatcmpl-pool","object":"chat.completion","created":1767225600,"model":"acme-chat-1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":10,"total_tokens":22}}""";

    @TestConfiguration
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    KeyPool pool;

    @Autowired
    UsageRetention retention;

    @BeforeEach
    void startOfTheDay() {
        CLOCK.set(START);
    }

    @AfterEach
    void emptyThePool() {
        jdbc.sql("DELETE FROM provider_keys").update();
        pool.reload();
    }

    @Test
    void shouldShowAnAddedKeyMaskedAndNeverAgainInClear() {
        var added = addKey("{\"provider\":\"acme\",\"name\":\"primary\",\"api_key\":\"" + KEY_A + "\",\"daily_limit_usd\":10,\"is_default\":true}");

        assertThat(added.statusCode()).isEqualTo(201);
        var key = json(added);
        assertThat(key.path("api_key").asString()).isEqualTo("sk-acme-pool…1111").doesNotContain(KEY_A.substring(12, 30));
        assertThat(key.path("status").asString()).isEqualTo("active");
        assertThat(key.path("daily_limit_usd").decimalValue()).isEqualByComparingTo("10");
        assertThat(key.path("is_default").asBoolean()).isTrue();
        var list = admin("GET", "/api/admin/llm-keys?provider=acme", null);
        var one = admin("GET", "/api/admin/llm-keys/" + key.path("id").asString(), null);
        assertThat(list.body()).contains("primary").doesNotContain(KEY_A);
        assertThat(one.body()).doesNotContain(KEY_A);
        assertThat(jdbc.sql("SELECT sealed_key FROM provider_keys").query(String.class).single()).doesNotContain(KEY_A);
        assertThat(json(admin("GET", "/api/admin/providers/acme", null)).path("pool_keys").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadInputNamingTheField() {
        addKey("{\"provider\":\"acme\",\"name\":\"taken\",\"api_key\":\"" + KEY_A + "\"}");
        var cases = Map.of(
                "daily_limit_usd", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\",\"daily_limit_usd\":-1}",
                "monthly_limit_usd", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\",\"monthly_limit_usd\":\"lots\"}",
                "provider", "{\"provider\":\"nope\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\"}",
                "name", "{\"provider\":\"acme\",\"name\":\"taken\",\"api_key\":\"" + KEY_B + "\"}",
                "expires_at", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\",\"expires_at\":\"2020-01-01T00:00:00Z\"}",
                "base_url", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\",\"base_url\":\"ftp://example.test\"}",
                "colour", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\",\"colour\":\"red\"}");

        cases.forEach((field, body) -> {
            var response = addKey(body);
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            assertThat(json(response).path("detail").asString()).as(field).contains(field);
        });
        var user = newUser();
        var asUser = send(HttpRequest.newBuilder(URI.create(url("/api/admin/llm-keys"))).header("Authorization", bearer(user)).GET().build());
        assertThat(asUser.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldWordEachRefusalAsTheVaultsRuleDoesForTheApiAndTheConsoleAlike() {
        addKey("{\"provider\":\"acme\",\"name\":\"taken\",\"api_key\":\"" + KEY_A + "\"}");
        var base = "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\"";
        var cases = Map.of(
                base + ",\"daily_limit_usd\":-1}", "'daily_limit_usd' must be a USD amount from 0 to 1000000000 with at most 9 decimals, or null for no limit.",
                base + ",\"total_limit_usd\":\"0.0000000001\"}", "'total_limit_usd' must be a USD amount from 0 to 1000000000 with at most 9 decimals, or null for no limit.",
                base + ",\"priority\":1.5}", "'priority' must be an integer from 0 to 1000000 (lower is tried first).",
                base + ",\"base_url\":\"ftp://example.test\"}", "'base_url' must be an http(s) URL such as https://api.openai.com/v1.",
                "{\"provider\":\"acme\",\"name\":\"taken\",\"api_key\":\"" + KEY_B + "\"}", "'name' is already used by another acme key.",
                "{\"provider\":\"acme\",\"name\":\"  \",\"api_key\":\"" + KEY_B + "\"}", "'name' is required.",
                "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"short\"}", "'api_key' must be 8 to 1024 printable characters without spaces.");
        cases.forEach((body, detail) -> {
            var response = addKey(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).path("detail").asString()).as(body).isEqualTo(detail);
        });
        var unknown = addKey("{\"provider\":\"nope\",\"name\":\"x\",\"api_key\":\"" + KEY_B + "\"}");
        assertThat(json(unknown).path("detail").asString()).startsWith("'provider' must be one of: ").contains("acme");
        var id = id(addKey("{\"provider\":\"acme\",\"name\":\"other\",\"api_key\":\"" + KEY_B + "\"}"));
        var renamed = admin("PUT", "/api/admin/llm-keys/" + id, "{\"name\":\"taken\"}");
        assertThat(json(renamed).path("detail").asString()).isEqualTo("'name' is already used by another acme key.");
        assertThat(admin("PUT", "/api/admin/llm-keys/" + id, "{\"name\":\"other\",\"priority\":3}").statusCode())
                .as("its own name is no clash").isEqualTo(200);
    }

    @Test
    void shouldServeFromThePoolBeforeTheEnvironmentKey() {
        var user = newUser();
        addKey("{\"provider\":\"openai\",\"name\":\"pooled\",\"api_key\":\"" + KEY_A + "\"}");

        var pooled = chat(user, "gpt-4o-mini", 16);
        assertThat(pooled.statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY_A);

        emptyThePool();
        var fallback = chat(user, "gpt-4o-mini", 16);
        assertThat(fallback.statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(jdbc.sql("SELECT credential_kind FROM usage_records WHERE user_id = ? ORDER BY created_at").param(user.id())
                .query(String.class).list()).containsExactly("pool", "env");
    }

    @Test
    void shouldMoveToTheNextKeyWithinTheRequestOnARateLimitAndCoolTheFirstDown() throws Exception {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"is_default\":true")));
        var b = id(addKey(acmeKey("b", KEY_B, "")));

        try (var ignored = answering(Map.of(KEY_A, 429))) {
            var response = chat(user, UNKEYED_MODEL, 16);

            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(records(user)).containsExactlyInAnyOrder(List.of(a, "error", 429), List.of(b, "ok", 200));
        var cooled = key(a);
        assertThat(cooled.path("status").asString()).isEqualTo("cooling_down");
        assertThat(Instant.parse(cooled.path("cooldown_until").asString())).isEqualTo(START.plusSeconds(30));

        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(key(a).path("status").asString()).isEqualTo("active");
        chat(user, UNKEYED_MODEL, 16);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY_A);
    }

    @Test
    void shouldTakeARefusedKeyOutOfRotationUntilAnAdminEditsIt() throws Exception {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"is_default\":true")));
        var b = id(addKey(acmeKey("b", KEY_B, "")));

        try (var ignored = answering(Map.of(KEY_A, 401))) {
            assertThat(chat(user, UNKEYED_MODEL, 16).statusCode()).isEqualTo(200);
            assertThat(records(user)).containsExactlyInAnyOrder(List.of(a, "error", 502), List.of(b, "ok", 200));
            assertThat(chat(user, UNKEYED_MODEL, 16).statusCode()).isEqualTo(200);
        }
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY_B);
        assertThat(records(user)).hasSize(3);
        assertThat(key(a).path("status").asString()).isEqualTo("invalid");

        admin("PUT", "/api/admin/llm-keys/" + a, "{\"description\":\"rotated upstream\"}");
        assertThat(key(a).path("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldRotateAtTheDailyLimitAndResetAtTheNextBillingDay() {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"is_default\":true,\"daily_limit_usd\":0.00003")));
        var b = id(addKey(acmeKey("b", KEY_B, "")));

        chat(user, UNKEYED_MODEL, 1);
        chat(user, UNKEYED_MODEL, 1);

        assertThat(records(user)).extracting(r -> r.get(0)).containsExactly(a, b);
        assertThat(key(a).path("status").asString()).isEqualTo("limit_reached");
        assertThat(key(a).path("current_daily_cost_usd").decimalValue()).isEqualByComparingTo("0.000032");
        // 23:59 in New York is still the same billing day (04:59 UTC the next day)
        CLOCK.set(ZonedDateTime.of(2026, 11, 25, 23, 59, 0, 0, NEW_YORK).toInstant());
        assertThat(key(a).path("status").asString()).isEqualTo("limit_reached");
        CLOCK.set(ZonedDateTime.of(2026, 11, 26, 0, 0, 1, 0, NEW_YORK).toInstant());
        assertThat(key(a).path("status").asString()).isEqualTo("active");
        assertThat(key(a).path("current_daily_cost_usd").decimalValue()).isZero();
        chat(user, UNKEYED_MODEL, 1);
        assertThat(records(user)).extracting(r -> r.get(0)).containsExactly(a, b, a);
    }

    @Test
    void shouldResetAMonthlyLimitAtTheNextBillingMonthButNeverATotalOne() {
        var user = newUser();
        var monthly = id(addKey(acmeKey("monthly", KEY_A, ",\"is_default\":true,\"monthly_limit_usd\":0.00003")));
        var total = id(addKey(acmeKey("total", KEY_B, ",\"total_limit_usd\":0.00003")));

        chat(user, UNKEYED_MODEL, 1);
        chat(user, UNKEYED_MODEL, 1);
        var refused = chat(user, UNKEYED_MODEL, 1);

        assertThat(key(monthly).path("status").asString()).isEqualTo("limit_reached");
        assertThat(key(total).path("status").asString()).isEqualTo("exhausted");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("error").path("code").asString()).isEqualTo("pool_keys_unavailable");
        assertThat(json(refused).path("error").path("message").asString())
                .contains("'monthly' is at its monthly limit until 2026-12-01T05:00:00Z").contains("'total' has reached its total limit");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        CLOCK.set(ZonedDateTime.of(2026, 12, 1, 0, 0, 1, 0, NEW_YORK).toInstant());
        assertThat(key(monthly).path("status").asString()).isEqualTo("active");
        assertThat(key(total).path("status").asString()).isEqualTo("exhausted");
        admin("PUT", "/api/admin/llm-keys/" + total, "{\"total_limit_usd\":1}");
        assertThat(key(total).path("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldStopServingWithAnExpiredKey() {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"is_default\":true,\"expires_at\":\"" + START.plus(Duration.ofHours(1)) + "\"")));
        var b = id(addKey(acmeKey("b", KEY_B, "")));

        chat(user, UNKEYED_MODEL, 16);
        CLOCK.advance(Duration.ofHours(2));
        chat(user, UNKEYED_MODEL, 16);

        assertThat(records(user)).extracting(r -> r.get(0)).containsExactly(a, b);
        assertThat(key(a).path("status").asString()).isEqualTo("expired");
    }

    @Test
    void shouldNotOverspendALimitUnderConcurrentRequests() throws Exception {
        // the worst case of each call (8 prompt tokens as JTokkit and OpenAI's per-message overhead count them, 20 output
        // tokens) is 48,000 nano-USD; nine of them fit the limit
        var limitNanos = 450_000L;
        var a = id(addKey(acmeKey("a", KEY_A, ",\"daily_limit_usd\":0.00045")));
        var user = newUser();

        var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (var i = 0; i < 50; i++) {
            calls.add(http.sendAsync(chatRequest(user, UNKEYED_MODEL, 20), HttpResponse.BodyHandlers.ofString()));
        }
        var statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        var served = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).containsOnly(200, 429);
        assertThat(served).isBetween(9L, limitNanos / CALL_COST);
        var spent = jdbc.sql("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_records WHERE credential_id = ?").param(a).query(Long.class).single();
        assertThat(spent).isEqualTo(served * CALL_COST).isLessThanOrEqualTo(limitNanos);
    }

    @Test
    void shouldRebuildEachKeysSpendingFromTheUsageLog() {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"daily_limit_usd\":1")));
        chat(user, UNKEYED_MODEL, 16);
        chat(user, UNKEYED_MODEL, 16);

        pool.rebuildSpend();

        var key = key(a);
        assertThat(key.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.000064");
        assertThat(key.path("current_daily_cost_usd").decimalValue()).isEqualByComparingTo("0.000064");
        assertThat(key.path("total_requests").asLong()).isEqualTo(2);
        assertThat(key.path("successful_requests").asLong()).isEqualTo(2);
    }

    @Test
    void shouldKeepEachKeysTotalWhenItsRecordsArePruned() throws Exception {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"total_limit_usd\":1")));
        chat(user, UNKEYED_MODEL, 16);
        chat(user, UNKEYED_MODEL, 16);

        CLOCK.advance(Duration.ofDays(200));
        retention.pruneNow();
        pool.rebuildSpend();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE credential_id = ?").param(a).query(Long.class).single()).isZero();
        var key = key(a);
        assertThat(key.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.000064");
        assertThat(key.path("total_requests").asLong()).isEqualTo(2);
        assertThat(key.path("successful_requests").asLong()).isEqualTo(2);
        assertThat(key.path("current_daily_cost_usd").decimalValue()).isZero();
        assertThat(key.path("current_monthly_cost_usd").decimalValue()).isZero();
    }

    @Test
    void shouldExplainWhichKeyServesNextAndSumTheStatistics() {
        var user = newUser();
        var a = id(addKey(acmeKey("a", KEY_A, ",\"priority\":2,\"daily_limit_usd\":1")));
        var b = id(addKey(acmeKey("b", KEY_B, ",\"priority\":1,\"daily_limit_usd\":3")));
        admin("POST", "/api/admin/llm-keys/" + b + "/toggle", "{\"active\":false}");
        chat(user, UNKEYED_MODEL, 16);

        var active = json(admin("GET", "/api/admin/llm-keys/active?provider=acme", null));
        assertThat(active.path("key").path("id").asString()).isEqualTo(a);
        assertThat(active.path("others").get(0).path("why").asString()).isEqualTo("is switched off");

        admin("POST", "/api/admin/llm-keys/" + b + "/set-default", null);
        admin("POST", "/api/admin/llm-keys/" + b + "/toggle", "{\"active\":true}");
        assertThat(json(admin("GET", "/api/admin/llm-keys/active?provider=acme", null)).path("key").path("id").asString()).isEqualTo(b);
        var stats = json(admin("GET", "/api/admin/llm-keys/statistics?provider=acme", null));
        assertThat(stats.path("total_keys").asLong()).isEqualTo(2);
        assertThat(stats.path("active_keys").asLong()).isEqualTo(2);
        assertThat(stats.path("daily_limit_usd").decimalValue()).isEqualByComparingTo("4");
        assertThat(stats.path("daily_cost_usd").decimalValue()).isEqualByComparingTo("0.000032");
        assertThat(stats.path("daily_budget_used").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(stats.path("total_requests").asLong()).isEqualTo(1);
        assertThat(stats.path("success_rate").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void shouldTestAKeyWithOneMinimalRecordedCall() throws Exception {
        var a = id(addKey(acmeKey("a", KEY_A, "")));
        var unreachable = id(addKey("{\"provider\":\"acme\",\"name\":\"gone\",\"api_key\":\"" + KEY_B + "\",\"base_url\":\"http://127.0.0.1:9/v1\"}"));

        JsonNode refused;
        JsonNode limited;
        try (var ignored = answering(Map.of(KEY_A, 401))) {
            refused = json(admin("POST", "/api/admin/llm-keys/" + a + "/test", null));
        }
        assertThat(key(a).path("status").asString()).isEqualTo("invalid");
        try (var ignored = answering(Map.of(KEY_A, 429))) {
            limited = json(admin("POST", "/api/admin/llm-keys/" + a + "/test", null));
        }
        CLOCK.advance(Duration.ofMinutes(1));
        var valid = json(admin("POST", "/api/admin/llm-keys/" + a + "/test", null));
        var gone = json(admin("POST", "/api/admin/llm-keys/" + unreachable + "/test", null));

        assertThat(refused.path("result").asString()).isEqualTo("invalid");
        assertThat(limited.path("result").asString()).isEqualTo("rate_limited");
        assertThat(valid.path("result").asString()).isEqualTo("valid");
        assertThat(valid.path("latency_ms").asLong()).isNotNegative();
        assertThat(gone.path("result").asString()).isEqualTo("unreachable");
        assertThat(key(a).path("status").asString()).isEqualTo("active");
        assertThat(OPENAI.mock().lastRequest().json().path("max_tokens").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE endpoint = 'llm-keys.test' AND credential_id = ?").param(a)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void shouldExportThePoolUnderAPassphraseAndImportItBack() {
        var user = newUser();
        addKey(acmeKey("exported", KEY_A, ",\"daily_limit_usd\":2"));
        var inUrl = admin("GET", "/api/admin/llm-keys/export?passphrase=a-long-passphrase-here", null);
        var shortPassphrase = send(HttpRequest.newBuilder(URI.create(url("/api/admin/llm-keys/export")))
                .header("Authorization", "Bearer " + ADMIN_API_KEY).header("X-Export-Passphrase", "short").GET().build());
        var exported = send(HttpRequest.newBuilder(URI.create(url("/api/admin/llm-keys/export")))
                .header("Authorization", "Bearer " + ADMIN_API_KEY).header("X-Export-Passphrase", "a-long-passphrase-here").GET().build());

        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(shortPassphrase.statusCode()).isEqualTo(400);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.body()).doesNotContain(KEY_A).doesNotContain("a-long-passphrase-here").contains("argon2id");
        emptyThePool();

        var wrong = admin("POST", "/api/admin/llm-keys/import", "{\"passphrase\":\"not-the-passphrase\",\"bundle\":" + exported.body() + "}");
        var imported = admin("POST", "/api/admin/llm-keys/import", "{\"passphrase\":\"a-long-passphrase-here\",\"bundle\":" + exported.body() + "}");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(imported).path("imported").asInt()).as(imported.body()).isEqualTo(1);
        assertThat(chat(user, UNKEYED_MODEL, 16).statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY_A);
    }

    String acmeKey(String name, String secret, String more) {
        return "{\"provider\":\"acme\",\"name\":\"" + name + "\",\"api_key\":\"" + secret + "\",\"base_url\":\"" + OPENAI.baseUrl() + "\"" + more + "}";
    }

    HttpResponse<String> addKey(String body) {
        return admin("POST", "/api/admin/llm-keys", body);
    }

    HttpResponse<String> admin(String method, String path, String body) {
        var builder = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN_API_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder.build());
    }

    JsonNode key(String id) {
        return json(admin("GET", "/api/admin/llm-keys/" + id, null));
    }

    static String id(HttpResponse<String> added) {
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return json(added).path("id").asString();
    }

    /** One call; the clock moves on a second after it, so that records sort by time. */
    HttpResponse<String> chat(TestUser user, String model, int maxTokens) {
        var response = send(chatRequest(user, model, maxTokens));
        CLOCK.advance(Duration.ofSeconds(1));
        return response;
    }

    HttpRequest chatRequest(TestUser user, String model, int maxTokens) {
        return HttpRequest.newBuilder(URI.create(url("/v1/chat/completions"))).header("Content-Type", "application/json")
                .header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build();
    }

    /** The OpenAI mock answering each pool key with the given status (others: a completion of {@link #CALL_COST}). */
    AutoCloseable answering(Map<String, Integer> statusByKey) {
        return OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var status = statusByKey.get(request.header("Authorization").substring(7));
            if (status == null) {
                reply.json(200, COMPLETION);
            } else if (status == 429) {
                reply.status(429, Map.of("retry-after", "30"), "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
            } else {
                reply.json(status, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}");
            }
        });
    }

    /** Each of the user's usage records: the credential, the status, the HTTP status, oldest first. */
    List<List<Object>> records(TestUser user) {
        return jdbc.sql("SELECT credential_id, status, http_status FROM usage_records WHERE user_id = ? ORDER BY created_at, id")
                .param(user.id()).query((rs, i) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }
}
