package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;

import dev.switchboard.testing.PeopleTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Providers and models changed at run time through {@code /api/admin/providers} and {@code /api/admin/models}, and what
 * the gateway makes of it at once: new models and aliases served, prices applied from the next request, a disabled
 * provider's models hidden and refused. Runs on SQLite and on PostgreSQL. The application context is shared with other
 * tests: each test makes its own models and puts back any provider setting it changed.
 */
abstract class AdminCatalogContract extends PeopleTestSupport {

    private static final String HI = """
            {"model":"%s","messages":[{"role":"user","content":"Hi"}]}""";

    @Test
    void shouldListEveryProviderWithItsSettingsAndKeyStatusButNeverAKey() {
        var response = get("/api/admin/providers", "Authorization", ADMIN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var providers = json(response).path("data");
        assertThat(provider(providers, "github").path("credit_multiplier").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(provider(providers, "openai").path("credit_multiplier").decimalValue()).isEqualByComparingTo("1");
        assertThat(provider(providers, "lmstudio").path("credit_multiplier").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(provider(providers, "ollama").path("credit_multiplier").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(provider(providers, "anthropic").path("credit_multiplier").decimalValue()).isEqualByComparingTo("1");
        var openai = provider(providers, "openai");
        assertThat(openai.path("display_name").asString()).isEqualTo("OpenAI");
        assertThat(openai.path("wire_format").asString()).isEqualTo("openai");
        assertThat(openai.path("enabled").asBoolean()).isTrue();
        assertThat(openai.path("base_url").asString()).isEqualTo(OPENAI.baseUrl());
        assertThat(openai.path("base_url_source").asString()).isEqualTo("environment");
        assertThat(openai.path("requires_key").asBoolean()).isTrue();
        assertThat(openai.path("self_hosted_allowed").isBoolean()).isTrue();
        assertThat(openai.path("has_env_key").asBoolean()).isTrue();
        assertThat(openai.path("pool_keys").asInt(-1)).isZero();
        assertThat(provider(providers, UNKEYED_PROVIDER).path("has_env_key").asBoolean(true)).isFalse();
        assertThat(provider(providers, UNKEYED_PROVIDER).path("base_url_source").asString()).isEqualTo("preset");
        assertThat(provider(providers, "ollama").path("requires_key").asBoolean(true)).isFalse();
        assertThat(provider(providers, "ollama").path("has_env_key").asBoolean(true)).isFalse();
        assertThat(response.body()).doesNotContain(OPENAI_KEY).doesNotContain(GROQ_KEY).doesNotContain(GITHUB_TOKEN)
                .doesNotContain(OPENAI_KEY.substring(OPENAI_KEY.length() - 6));
        assertThat(get("/api/admin/providers/openai", "Authorization", ADMIN).body()).isEqualTo(openai.toString());
    }

    @Test
    void shouldPreferTheAdminsBaseUrlOverTheEnvironmentAndGoBackToItOnNull() {
        var user = newUser();
        try {
            var changed = putJson("/api/admin/providers/groq", """
                    {"base_url":"%s/","credit_multiplier":2.25,"self_hosted_allowed":true}""".formatted(OPENAI.baseUrl()), "Authorization", ADMIN);

            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(json(changed).path("base_url").asString()).isEqualTo(OPENAI.baseUrl());
            assertThat(json(changed).path("base_url_source").asString()).isEqualTo("admin");
            assertThat(json(changed).path("credit_multiplier").decimalValue()).isEqualByComparingTo("2.25");
            assertThat(json(changed).path("self_hosted_allowed").asBoolean()).isTrue();
            assertThat(jdbc.sql("SELECT credit_multiplier_milli FROM providers WHERE id = 'groq'").query(Long.class).single()).isEqualTo(2250);
            assertThat(chat("llama-3.1-8b-instant", "Authorization", bearer(user)).statusCode()).isEqualTo(200);
            assertThat(OPENAI.mock().requests()).hasSize(1);
            assertThat(GROQ.mock().requests()).isEmpty();

            var reset = putJson("/api/admin/providers/groq", "{\"base_url\":null}", "Authorization", ADMIN);

            assertThat(json(reset).path("base_url").asString()).isEqualTo(GROQ.baseUrl());
            assertThat(json(reset).path("base_url_source").asString()).isEqualTo("environment");
            assertThat(json(reset).path("credit_multiplier").decimalValue()).isEqualByComparingTo("2.25");
            assertThat(chat("llama-3.1-8b-instant", "Authorization", bearer(user)).statusCode()).isEqualTo(200);
            assertThat(GROQ.mock().requests()).hasSize(1);
        } finally {
            putJson("/api/admin/providers/groq", """
                    {"base_url":null,"credit_multiplier":1,"self_hosted_allowed":false}""", "Authorization", ADMIN);
        }
    }

    @Test
    void shouldRefuseBadProviderChangesNamingTheField() {
        assertRefused(putJson("/api/admin/providers/groq", "{\"base_url\":\"ftp://example.test/v1\"}", "Authorization", ADMIN), "base_url");
        assertRefused(putJson("/api/admin/providers/groq", "{\"base_url\":\"not a url\"}", "Authorization", ADMIN), "base_url");
        assertRefused(putJson("/api/admin/providers/groq", "{\"base_url\":\"https://user:pw@example.test/v1\"}", "Authorization", ADMIN), "base_url");
        assertRefused(putJson("/api/admin/providers/groq", "{\"credit_multiplier\":0}", "Authorization", ADMIN), "credit_multiplier");
        assertRefused(putJson("/api/admin/providers/groq", "{\"credit_multiplier\":-1.5}", "Authorization", ADMIN), "credit_multiplier");
        assertRefused(putJson("/api/admin/providers/groq", "{\"credit_multiplier\":1.2345}", "Authorization", ADMIN), "credit_multiplier");
        assertRefused(putJson("/api/admin/providers/groq", "{\"credit_multiplier\":\"lots\"}", "Authorization", ADMIN), "credit_multiplier");
        assertRefused(putJson("/api/admin/providers/groq", "{\"enabled\":\"yes\"}", "Authorization", ADMIN), "enabled");
        assertRefused(putJson("/api/admin/providers/groq", "{\"colour\":\"blue\"}", "Authorization", ADMIN), "colour");
        assertProblem(putJson("/api/admin/providers/groq", "{not json", "Authorization", ADMIN), 400);
        assertProblem(putJson("/api/admin/providers/no-such-provider", "{\"enabled\":true}", "Authorization", ADMIN), 404);
        assertProblem(get("/api/admin/providers/no-such-provider", "Authorization", ADMIN), 404);
        var groq = json(get("/api/admin/providers/groq", "Authorization", ADMIN));
        assertThat(groq.path("base_url_source").asString()).isEqualTo("environment");
        assertThat(groq.path("credit_multiplier").decimalValue()).isEqualByComparingTo("1");
        assertThat(groq.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void shouldCreateReadChangeAndDeleteAModel() {
        var name = "acme-" + suffix();
        var created = postJson("/api/admin/models", """
                {"name":"%s","provider":"openai","upstream_model":"gpt-4o-mini","display_name":"Team model","kind":"chat",
                 "input_price_per_1m":0.15,"output_price_per_1m":"0.6","cached_input_price_per_1m":0.000000001,
                 "cache_write_price_per_1m":0.1875,"cache_write_1h_price_per_1m":0.3,"context_window":128000,"max_output_tokens":16384,"active":true,"aliases":["%s-alias"]}""".formatted(name, name),
                "Authorization", ADMIN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var model = json(created);
        var id = model.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(model.path("provider").asString()).isEqualTo("openai");
        assertThat(model.path("input_price_per_1m").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(model.path("output_price_per_1m").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(model.path("cached_input_price_per_1m").decimalValue()).isEqualByComparingTo("0.000000001");
        assertThat(model.path("cache_write_price_per_1m").decimalValue()).isEqualByComparingTo("0.1875");
        assertThat(model.path("cache_write_1h_price_per_1m").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(model.path("context_window").asInt()).isEqualTo(128000);
        assertThat(model.path("aliases").get(0).asString()).isEqualTo(name + "-alias");
        var row = jdbc.sql("SELECT input_price, output_price, cached_input_price FROM models WHERE id = ?").param(id).query().singleRow();
        assertThat(((Number) row.get("input_price")).longValue()).isEqualTo(150_000_000L);
        assertThat(((Number) row.get("cached_input_price")).longValue()).isEqualTo(1L);
        assertThat(get("/api/admin/models/" + id, "Authorization", ADMIN).body()).isEqualTo(created.body());
        assertThat(names(get("/api/admin/models?provider=openai", "Authorization", ADMIN))).contains(name, "gpt-4o");
        assertThat(names(get("/api/admin/models?provider=anthropic", "Authorization", ADMIN))).doesNotContain(name).contains("claude-haiku-4-5");

        var changed = putJson("/api/admin/models/" + id, """
                {"display_name":"Renamed","context_window":null,"active":false,"aliases":[]}""", "Authorization", ADMIN);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).path("display_name").asString()).isEqualTo("Renamed");
        assertThat(json(changed).has("context_window")).isFalse();
        assertThat(json(changed).path("max_output_tokens").asInt()).isEqualTo(16384);
        assertThat(json(changed).path("active").asBoolean(true)).isFalse();
        assertThat(json(changed).path("aliases")).isEmpty();
        assertThat(json(changed).path("input_price_per_1m").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(names(get("/api/admin/models", "Authorization", ADMIN))).contains(name);

        var deleted = delete("/api/admin/models/" + id, "Authorization", ADMIN);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertProblem(get("/api/admin/models/" + id, "Authorization", ADMIN), 404);
        assertProblem(delete("/api/admin/models/" + id, "Authorization", ADMIN), 404);
        assertThat(names(get("/api/admin/models", "Authorization", ADMIN))).doesNotContain(name);
    }

    @Test
    void shouldServeANewModelAtOnceByItsNameAndItsAliasAndKeepItsHistoryAfterDeletion() {
        var user = newUser();
        var name = "team-fast-" + suffix();
        var id = createModel(name, "openai", "gpt-4o-mini", "1", "2", "\"aliases\":[\"" + name + "-alias\"]");

        var byName = postJson("/v1/chat/completions", HI.formatted(name), "Authorization", bearer(user));
        var byAlias = postJson("/v1/chat/completions", HI.formatted(name + "-alias"), "Authorization", bearer(user));

        assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
        assertThat(byAlias.statusCode()).as(byAlias.body()).isEqualTo(200);
        assertThat(OPENAI.mock().requests()).allSatisfy(r -> assertThat(r.json().path("model").asString()).isEqualTo("gpt-4o-mini"));
        assertThat(get("/v1/models", "Authorization", bearer(user)).body()).contains("\"" + name + "\"");
        assertThat(delete("/api/admin/models/" + id, "Authorization", ADMIN).statusCode()).isEqualTo(204);
        // 12 × $1/1M + 10 × $2/1M = 32 000 nano-USD each, recorded under the model's name
        var records = jdbc.sql("SELECT model, cost_nano_usd FROM usage_records WHERE user_id = ?").param(user.id()).query().listOfRows();
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("model")).isEqualTo(name);
            assertThat(((Number) r.get("cost_nano_usd")).longValue()).isEqualTo(32_000);
        });
        assertThat(postJson("/v1/chat/completions", HI.formatted(name), "Authorization", bearer(user)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldApplyAPriceChangeFromTheNextRequestOn() {
        var user = newUser();
        var name = "priced-" + suffix();
        var id = createModel(name, "openai", "gpt-4o-mini", "1", "2", null);
        assertThat(chat(name, "Authorization", bearer(user)).statusCode()).isEqualTo(200);

        var changed = putJson("/api/admin/models/" + id, "{\"input_price_per_1m\":3,\"output_price_per_1m\":4}", "Authorization", ADMIN);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(chat(name, "Authorization", bearer(user)).statusCode()).isEqualTo(200);

        // 12 × $1 + 10 × $2 per 1M, then 12 × $3 + 10 × $4 per 1M
        assertThat(costs(user)).containsExactly(32_000L, 76_000L);
    }

    @Test
    void shouldBillAStreamUnderWayAtThePriceItStartedWith() throws Exception {
        var user = newUser();
        var name = "streamed-" + suffix();
        var id = createModel(name, "openai", "gpt-4o-mini", "1", "2", null);
        OPENAI.willReplySlowly("Slow but sure", 1500);
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""".formatted(name)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !OPENAI.mock().requests().isEmpty());

        assertThat(putJson("/api/admin/models/" + id, "{\"input_price_per_1m\":3,\"output_price_per_1m\":4}", "Authorization", ADMIN).statusCode())
                .isEqualTo(200);

        var streamed = stream.get();
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("data: [DONE]");
        assertThat(costs(user)).containsExactly(32_000L);
    }

    @Test
    void shouldHideADisabledProvidersModelsAndRefuseItsRequestsSayingWhy() {
        var user = newUser();
        var model = "lmstudio/qwen2.5-7b-instruct";
        assertThat(get("/v1/models", "Authorization", bearer(user)).body()).contains(model);
        try {
            var disabled = putJson("/api/admin/providers/lmstudio", "{\"enabled\":false}", "Authorization", ADMIN);
            assertThat(json(disabled).path("enabled").asBoolean(true)).isFalse();

            var chat = chat(model, "Authorization", bearer(user));
            var messages = postJson("/v1/messages", """
                    {"model":"%s","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""".formatted(model), "x-api-key", user.secret());

            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(403);
            assertThat(json(chat).path("error").path("code").asString()).isEqualTo("provider_disabled");
            assertThat(json(chat).path("error").path("message").asString()).contains(model).contains("LM Studio").contains("disabled");
            assertThat(messages.statusCode()).as(messages.body()).isEqualTo(403);
            assertThat(json(messages).path("error").path("type").asString()).isEqualTo("permission_error");
            assertThat(LMSTUDIO.mock().requests()).isEmpty();
            assertThat(get("/v1/models", "Authorization", bearer(user)).body()).doesNotContain(model);
            assertThat(get("/api/llm-models", "Authorization", bearer(user)).body()).doesNotContain(model);
            assertThat(names(get("/api/admin/models?provider=lmstudio", "Authorization", ADMIN))).contains(model);
            assertThat(chat("no-such-model-" + suffix(), "Authorization", bearer(user)).statusCode()).isEqualTo(404);
        } finally {
            putJson("/api/admin/providers/lmstudio", "{\"enabled\":true}", "Authorization", ADMIN);
        }
        assertThat(chat(model, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseBadModelsNamingTheField() {
        var name = "bad-" + suffix();
        var taken = createModel("taken-" + suffix(), "openai", "gpt-4o-mini", "1", "1", "\"aliases\":[\"" + name + "-taken-alias\"]");

        assertRefused(model(name, "\"input_price_per_1m\":-1,\"output_price_per_1m\":1"), "input_price_per_1m");
        assertRefused(model(name, "\"input_price_per_1m\":\"cheap\",\"output_price_per_1m\":1"), "input_price_per_1m");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":0.0000000001"), "output_price_per_1m");
        assertRefused(postJson("/api/admin/models", """
                {"name":"%s","provider":"nobody","input_price_per_1m":1,"output_price_per_1m":1}""".formatted(name), "Authorization", ADMIN), "provider");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"kind\":\"video\""), "kind");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"colour\":\"red\""), "colour");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"context_window\":-5"), "context_window");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"image_prices\":[{\"size\":\"1024x1024\",\"quality\":\"hd\",\"price_per_image\":0.1}]"), "image_prices");
        assertRefused(model(name, "\"input_price_per_1m\":1"), "output_price_per_1m");
        assertRefused(model("gpt-4o", "\"input_price_per_1m\":1,\"output_price_per_1m\":1"), "name");
        assertRefused(model(name + "-taken-alias", "\"input_price_per_1m\":1,\"output_price_per_1m\":1"), "name");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"aliases\":[\"gpt-4o-mini\"]"), "aliases");
        assertRefused(model(name, "\"input_price_per_1m\":1,\"output_price_per_1m\":1,\"aliases\":[\"" + name + "-taken-alias\"]"), "aliases");
        assertRefused(model("has spaces", "\"input_price_per_1m\":1,\"output_price_per_1m\":1"), "name");
        assertRefused(putJson("/api/admin/models/" + taken, "{\"name\":\"gpt-4o\"}", "Authorization", ADMIN), "name");
        assertRefused(putJson("/api/admin/models/" + taken, "{\"active\":null}", "Authorization", ADMIN), "active");
        assertProblem(putJson("/api/admin/models/no-such-id", "{\"active\":true}", "Authorization", ADMIN), 404);
        assertThat(names(get("/api/admin/models", "Authorization", ADMIN))).noneMatch(n -> n.startsWith(name) || n.equals("has spaces"));
    }

    @Test
    void shouldPriceANewImageModelPerImage() {
        var user = newUser();
        var name = "team-image-" + suffix();
        createModel(name, "openai", "dall-e-3", "0", "0", """
                "kind":"image","image_prices":[{"size":"1024x1024","quality":"standard","price_per_image":0.05}]""");

        var response = postJson("/v1/images/generations", """
                {"model":"%s","prompt":"a lighthouse","n":2,"size":"1024x1024","quality":"standard"}""".formatted(name),
                "Authorization", bearer(user));
        var unpriced = postJson("/v1/images/generations", """
                {"model":"%s","prompt":"a lighthouse","size":"1792x1024","quality":"standard"}""".formatted(name),
                "Authorization", bearer(user));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(costs(user)).containsExactly(100_000_000L);
        assertThat(unpriced.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseAUserOnEveryCatalogRoute() {
        var token = tokenOf(createPerson("user"));
        var id = createModel("guarded-" + suffix(), "openai", "gpt-4o-mini", "1", "1", null);

        assertProblem(get("/api/admin/providers", "Authorization", token), 403);
        assertProblem(get("/api/admin/providers/openai", "Authorization", token), 403);
        assertProblem(putJson("/api/admin/providers/openai", "{\"enabled\":false}", "Authorization", token), 403);
        assertProblem(get("/api/admin/models", "Authorization", token), 403);
        assertProblem(get("/api/admin/models/" + id, "Authorization", token), 403);
        assertProblem(postJson("/api/admin/models", "{}", "Authorization", token), 403);
        assertProblem(putJson("/api/admin/models/" + id, "{\"active\":false}", "Authorization", token), 403);
        assertProblem(delete("/api/admin/models/" + id, "Authorization", token), 403);
        assertThat(json(get("/api/admin/models/" + id, "Authorization", ADMIN)).path("active").asBoolean()).isTrue();
        assertThat(json(get("/api/admin/providers/openai", "Authorization", ADMIN)).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void shouldPickUpAChangeMadeOnAnotherInstanceWithinTheRefreshPeriod() {
        var user = newUser();
        var name = "elsewhere-" + suffix();
        var id = createModel(name, "openai", "gpt-4o-mini", "1", "2", null);

        // another instance's change: the row and the version, in one transaction, without this instance hearing of it
        jdbc.sql("UPDATE models SET input_price = 5000000000 WHERE id = ?").param(id).update();
        assertThat(catalog.refreshIfChanged()).isFalse();
        assertThat(catalog.model(name).orElseThrow().price().inputPerMillion()).isEqualTo(1_000_000_000L);
        jdbc.sql("UPDATE catalog_version SET version = version + 1 WHERE id = 1").update();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.model(name).orElseThrow().price().inputPerMillion() == 5_000_000_000L);
        assertThat(chat(name, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        // 12 × $5/1M + 10 × $2/1M
        assertThat(costs(user)).containsExactly(80_000L);
    }

    private String createModel(String name, String provider, String upstream, String input, String output, String extra) {
        var response = postJson("/api/admin/models", """
                {"name":"%s","provider":"%s","upstream_model":"%s","input_price_per_1m":%s,"output_price_per_1m":%s%s}"""
                .formatted(name, provider, upstream, input, output, extra == null ? "" : "," + extra), "Authorization", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private HttpResponse<String> model(String name, String fields) {
        return postJson("/api/admin/models", "{\"name\":\"%s\",\"provider\":\"openai\",%s}".formatted(name, fields), "Authorization", ADMIN);
    }

    private java.util.List<Long> costs(TestUser user) {
        return jdbc.sql("SELECT cost_nano_usd FROM usage_records WHERE user_id = ? ORDER BY created_at").param(user.id())
                .query(Long.class).list();
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(json(response).path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(json(response).path("detail").asString()).contains(field);
    }

    private static JsonNode provider(JsonNode providers, String id) {
        return StreamSupport.stream(providers.spliterator(), false).filter(p -> p.path("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no provider " + id + " in " + providers));
    }

    private static java.util.List<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).path("data").spliterator(), false).map(m -> m.path("name").asString()).toList();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
