package dev.switchboard.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/** {@code /api/prompts} and {@code "template"} on {@code /v1/chat/completions}: rendering, visibility, versions, statistics. */
abstract class PromptsContract extends GatewayTestSupport {

    private static final String EMAIL = """
            {"name":"%s","type":"marketing_email","system":"You write {{tone}} emails.",
             "body":"Write to {{name}} about {{topic}}.",
             "variables":[{"name":"name","required":true},{"name":"topic","required":true},{"name":"tone","required":false,"default":"friendly"}]}""";

    @Test
    void shouldRenderATemplateIntoTheCallAndRecordItsVersion() {
        var user = newUser();
        var name = unique();
        var id = create(user, EMAIL.formatted(name));

        var response = chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"name\":\"Zoë {{tone}} <b>&amp;\",\"topic\":42}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var sent = OPENAI.mock().lastRequest().json();
        assertThat(sent.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.path("messages").path(0).path("content").asString()).isEqualTo("You write friendly emails.");
        assertThat(sent.path("messages").path(1).path("content").asString()).isEqualTo("Write to Zoë {{tone}} <b>&amp; about 42.");
        assertThat(OPENAI.mock().lastRequest().body()).doesNotContain("\"template\"").doesNotContain("\"variables\"");
        var record = jdbc.sql("SELECT template_id, template_version FROM usage_records WHERE user_id = ?").param(user.id())
                .query((rs, i) -> rs.getString(1) + "@" + rs.getInt(2)).single();
        assertThat(record).isEqualTo(id + "@1");
    }

    @Test
    void shouldRefuseAMissingOrUnknownVariableNamingIt() {
        var user = newUser();
        var name = unique();
        create(user, EMAIL.formatted(name));

        var missing = chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"name\":\"Ada\"}}");
        var unknown = chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"name\":\"Ada\",\"topic\":\"x\",\"colour\":\"red\"}}");
        var undeclared = postJson("/api/prompts", "{\"name\":\"" + unique() + "\",\"type\":\"t\",\"body\":\"Hi {{who}}\"}", "Authorization", bearer(user));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").path("param").asString()).isEqualTo("variables.topic");
        assertThat(json(missing).path("error").path("message").asString()).contains("topic");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").path("param").asString()).isEqualTo("variables.colour");
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(json(undeclared).path("detail").asString()).contains("{{who}}");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldKeepVersionsImmutableButForTheirWeightAndActive() {
        var user = newUser();
        var name = unique();
        var id = create(user, EMAIL.formatted(name));
        var second = postJson("/api/prompts/" + id + "/versions", "{\"body\":\"Version two for {{name}}.\",\"variables\":[{\"name\":\"name\",\"required\":true}]}",
                "Authorization", bearer(user));

        var rewrite = put("/api/prompts/" + id + "/versions/1", "{\"body\":\"changed\"}", user);
        var reweigh = put("/api/prompts/" + id + "/versions/1", "{\"weight\":0,\"active\":false}", user);
        var pinned = chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "@1\",\"variables\":{\"name\":\"Ada\",\"topic\":\"tea\"}}");
        var drawn = chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"name\":\"Ada\"}}");

        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second).path("version").asInt()).isEqualTo(2);
        assertThat(rewrite.statusCode()).isEqualTo(400);
        assertThat(reweigh.statusCode()).isEqualTo(200);
        assertThat(json(reweigh).path("weight").asInt()).isZero();
        assertThat(json(reweigh).path("body").asString()).isEqualTo("Write to {{name}} about {{topic}}.");
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().requests().get(0).json().path("messages").path(1).path("content").asString()).isEqualTo("Write to Ada about tea.");
        assertThat(drawn.statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().requests().get(1).json().path("messages").path(0).path("content").asString()).isEqualTo("Version two for Ada.");
        assertThat(chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "@9\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldShowSystemTemplatesToEveryoneAndOwnOnesOnlyToTheirOwner() {
        var owner = newUser();
        var other = newUser();
        var systemName = unique();
        var ownName = unique();
        var systemId = json(postJson("/api/prompts", "{\"name\":\"" + systemName + "\",\"type\":\"greeting\",\"body\":\"Hello!\",\"scope\":\"system\"}",
                "Authorization", "Bearer " + ADMIN_API_KEY)).path("id").asString();
        var ownId = create(owner, "{\"name\":\"" + ownName + "\",\"type\":\"greeting\",\"body\":\"Mine.\"}");

        var listed = json(get("/api/prompts", "Authorization", bearer(other))).path("data");

        assertThat(listed).extracting(t -> t.path("name").asString()).contains(systemName).doesNotContain(ownName);
        assertThat(get("/api/prompts/" + ownId, "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        assertThat(get("/api/prompts/" + ownId + "/stats", "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        assertThat(chat(other, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + ownName + "\"}").statusCode()).isEqualTo(404);
        assertThat(chat(other, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + systemName + "\"}").statusCode()).isEqualTo(200);
        assertThat(put("/api/prompts/" + systemId, "{\"type\":\"changed\"}", other).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/prompts", "{\"name\":\"" + unique() + "\",\"type\":\"t\",\"body\":\"x\",\"scope\":\"system\"}",
                "Authorization", bearer(other)).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/prompts", "{\"name\":\"" + ownName + "\",\"type\":\"t\",\"body\":\"x\"}", "Authorization", bearer(other))
                .statusCode()).isEqualTo(409);
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/api/prompts/" + ownId))).header("Authorization", bearer(owner)).DELETE().build())
                .statusCode()).isEqualTo(204);
        assertThat(get("/api/prompts/" + ownId, "Authorization", bearer(owner)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepAnApiClientsOwnTemplatesToThatClient() {
        var client = apiClientKey();
        var otherClient = apiClientKey();
        var user = newUser();
        var name = unique();

        var created = postJson("/api/prompts", "{\"name\":\"" + name + "\",\"type\":\"marketing_email\",\"body\":\"Write about {{topic}}.\","
                + "\"variables\":[{\"name\":\"topic\",\"required\":true}]}", "X-API-Key", client);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();

        assertThat(json(get("/api/prompts", "X-API-Key", client)).path("data")).extracting(t -> t.path("name").asString()).contains(name);
        assertThat(get("/api/prompts/" + id, "X-API-Key", otherClient).statusCode()).isEqualTo(404);
        assertThat(get("/api/prompts/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
        var used = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"topic\":\"tea\"}}",
                "X-API-Key", client);
        assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().json().path("messages").toString()).contains("Write about tea.");
        assertThat(postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\",\"variables\":{\"topic\":\"tea\"}}",
                "X-API-Key", otherClient).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldCountEachGeneratedLanguageAgainstTheCallersBudget() {
        var created = postJson("/api/admin/api-clients", "{\"name\":\"client-" + UUID.randomUUID() + "\",\"daily_budget_usd\":0.000001}",
                "Authorization", "Bearer " + ADMIN_API_KEY);
        var key = json(created).path("api_key").asString();
        var before = OPENAI.mock().requests().size();

        var response = postJson("/api/v1/llm/generate-content", "{\"prompt\":\"Hi\",\"model\":\"gpt-4o-mini\",\"languages\":[\"en\",\"fr\",\"de\"]}",
                "X-API-Key", key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("results")).hasSize(3).allSatisfy(result ->
                assertThat(result.path("error").toString()).as(result.toString()).contains("client_daily_budget_exceeded"));
        assertThat(OPENAI.mock().requests()).hasSize(before);
    }

    private String apiClientKey() {
        var created = postJson("/api/admin/api-clients", "{\"name\":\"client-" + UUID.randomUUID() + "\"}", "Authorization", "Bearer " + ADMIN_API_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("api_key").asString();
    }

    @Test
    void shouldReportUsageSuccessTokensCostAndLatencyPerVersion() {
        var user = newUser();
        var name = unique();
        var id = create(user, "{\"name\":\"" + name + "\",\"type\":\"t\",\"body\":\"One\"}");
        postJson("/api/prompts/" + id + "/versions", "{\"body\":\"Two\",\"weight\":0}", "Authorization", bearer(user));
        OPENAI.willReply("ok", 12, 10);
        for (var i = 0; i < 3; i++) {
            chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "\"}");
        }
        OPENAI.willFail(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}");
        chat(user, "{\"model\":\"gpt-4o-mini\",\"template\":\"" + name + "@2\"}");

        var stats = json(get("/api/prompts/" + id + "/stats", "Authorization", bearer(user))).path("versions");

        assertThat(stats.get(0).path("usage_count").asLong()).isEqualTo(3);
        assertThat(stats.get(0).path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get(0).path("avg_input_tokens").asDouble()).isEqualTo(12.0);
        assertThat(stats.get(0).path("avg_output_tokens").asDouble()).isEqualTo(10.0);
        var cost = jdbc.sql("SELECT SUM(cost_nano_usd) FROM usage_records WHERE template_id = ? AND template_version = 1").param(id)
                .query(Long.class).single();
        assertThat(stats.get(0).path("total_cost_usd").decimalValue()).isEqualByComparingTo(java.math.BigDecimal.valueOf(cost, 9));
        assertThat(stats.get(0).path("p50_latency_ms").isNumber()).isTrue();
        assertThat(stats.get(1).path("usage_count").asLong()).isEqualTo(1);
        assertThat(stats.get(1).path("success_rate").asDouble()).isEqualTo(0.0);
    }

    @Test
    void shouldGenerateTenLanguagesAtOnceEachBilledAndReportTheOneThatFailed() throws Exception {
        var user = newUser();
        var languages = List.of("en", "fr", "de", "es", "it", "pt-BR", "nl", "ja", "zh-Hant", "sr-Latn-RS");
        var completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":8,\"total_tokens\":28}}";
        HttpResponse<String> response;
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var system = request.json().path("messages").path(0).path("content").asString();
            var tag = system.substring(system.indexOf('\'') + 1, system.lastIndexOf('\''));
            if (tag.equals("fr")) {
                reply.json(400, "{\"error\":{\"message\":\"no French today\",\"type\":\"invalid_request_error\"}}");
            } else {
                reply.json(200, completion.formatted("text in " + tag));
            }
        })) {
            response = postJson("/api/v1/llm/generate-content", "{\"prompt\":\"Describe our product.\",\"model\":\"gpt-4o-mini\",\"languages\":"
                    + MockUpstream.JSON.writeValueAsString(languages) + "}", "X-API-Key", user.secret());
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var results = json(response).path("results");
        assertThat(results).extracting(r -> r.path("language").asString()).containsExactlyElementsOf(languages);
        for (var result : results) {
            var language = result.path("language").asString();
            if (language.equals("fr")) {
                assertThat(result.path("error").path("message").asString()).contains("no French today");
                assertThat(result.has("content")).isFalse();
            } else {
                assertThat(result.path("content").asString()).isEqualTo("text in " + language);
                assertThat(result.path("input_tokens").asLong()).isEqualTo(20);
                assertThat(result.has("error")).isFalse();
            }
        }
        assertThat(OPENAI.mock().requests()).hasSize(10);
        var records = jdbc.sql("SELECT status, cost_nano_usd FROM usage_records WHERE user_id = ?").param(user.id())
                .query((rs, i) -> new Object[]{rs.getString(1), rs.getLong(2)}).list();
        assertThat(records).extracting(r -> r[0]).containsOnly("ok", "error").hasSize(10);
        var billed = records.stream().mapToLong(r -> (Long) r[1]).sum();
        assertThat(json(response).path("total_cost_usd").decimalValue()).isEqualByComparingTo(java.math.BigDecimal.valueOf(billed, 9)).isPositive();
    }

    @Test
    void shouldRefuseBadLanguagesAndPickAProvidersDefaultModel() {
        var user = newUser();

        var malformed = postJson("/api/v1/llm/generate-content", "{\"prompt\":\"Hi\",\"model\":\"gpt-4o-mini\",\"languages\":[\"en\",\"not a tag!\"]}",
                "X-API-Key", user.secret());
        var tooMany = postJson("/api/v1/llm/generate-content", "{\"prompt\":\"Hi\",\"model\":\"gpt-4o-mini\",\"languages\":"
                + MockUpstream.JSON.writeValueAsString(java.util.stream.IntStream.range(0, 21).mapToObj(i -> "en-" + (100 + i)).toList()) + "}",
                "X-API-Key", user.secret());
        var claude = postJson("/api/v1/llm/generate-content", "{\"prompt\":\"Hi\",\"provider\":\"claude\",\"languages\":[\"de\"]}",
                "X-API-Key", user.secret());

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("detail").asString()).contains("not a tag!");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(claude.statusCode()).as(claude.body()).isEqualTo(200);
        // the provider's cheapest active chat model (claude-haiku-4-5 of the seeded ones; other tests in this context may add cheaper)
        var cheapest = catalog.activeModels().stream()
                .filter(m -> m.providerId().equals("anthropic") && m.kind().equals(dev.switchboard.catalog.Model.CHAT))
                .min(java.util.Comparator.comparingLong((dev.switchboard.catalog.Model m) -> m.price().inputPerMillion()
                        + m.price().outputPerMillion()).thenComparing(dev.switchboard.catalog.Model::name)).orElseThrow();
        assertThat(json(claude).path("results").path(0).path("model").asString()).isEqualTo(cheapest.name());
        assertThat(ANTHROPIC.mock().lastRequest().json().path("model").asString()).isEqualTo(cheapest.upstreamModel());
    }

    private static String unique() {
        return "tpl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(TestUser user, String body) {
        var response = postJson("/api/prompts", body, "Authorization", bearer(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private HttpResponse<String> chat(TestUser user, String body) {
        return postJson("/v1/chat/completions", body, "Authorization", bearer(user));
    }

    private HttpResponse<String> put(String path, String body, TestUser user) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", bearer(user))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
