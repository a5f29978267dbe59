package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seeds 000 and 001 (the FastAPI services on {@code /v2}), replayed call by call as their documents show them: sign in
 * with the form, store an Anthropic key, list the models it makes usable (UUID ids, prices), read one, spend through
 * the user's own key and read the usage with the documents' cost arithmetic, remove the key; errors in FastAPI's shape
 * ({@code {"detail": …}}, 422 for validation); {@code /v2/admin/llm-keys/} for admins only.
 */
class Seed000And001ContractTest extends PeopleTestSupport {

    private static final String USER_ANTHROPIC_KEY = "sk-ant-fake-0001";
    private static final String SONNET = "m-claude-sonnet-4-5";
    /** The documents' example: 1000 input tokens at $3/M and 500 output tokens at $15/M cost $0.0105. */
    private static final String CLAUDE_HELLO = """
            {"id":"msg_seed001","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Hello!"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":1000,"output_tokens":500}}""";

    @Test
    void shouldReplayTheDocumentedDataFlowOfSeed001() {
        var person = createPerson("user");

        var login = v2Login(person.email(), person.password());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(json(login).path("token_type").asString()).isEqualTo("bearer");
        var token = "Bearer " + json(login).path("access_token").asString();

        var stored = patchJson("/v2/users/me/api-key", "{\"anthropic_api_key\": \"" + USER_ANTHROPIC_KEY + "\"}", "Authorization", token);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(stored.body()).doesNotContain(USER_ANTHROPIC_KEY);
        var status = json(get("/v2/users/me/api-key-status", "Authorization", token));
        assertThat(status.path("has_anthropic_key").asBoolean()).isTrue();
        assertThat(status.path("has_openai_key").asBoolean()).isFalse();
        assertThat(status.path("has_google_key").asBoolean()).isFalse();

        var models = json(get("/v2/llm-models/?is_active=true", "Authorization", token));
        var sonnet = modelNamed(models, "claude-sonnet-4-5");
        var sonnetId = UUID.nameUUIDFromBytes(("switchboard/model/" + SONNET).getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(sonnet.path("id").asString()).isEqualTo(sonnetId);
        assertThat(sonnet.path("input_price_per_1m").decimalValue()).isEqualByComparingTo("3");
        assertThat(sonnet.path("output_price_per_1m").decimalValue()).isEqualByComparingTo("15");
        assertThat(sonnet.path("is_active").asBoolean()).isTrue();
        assertThat(sonnet.path("provider").asString()).isEqualTo("anthropic");
        assertThat(models.path("count").asInt()).isEqualTo(models.path("data").size());

        var one = get("/v2/llm-models/" + sonnetId, "Authorization", token);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("name").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(json(one).path("id").asString()).isEqualTo(sonnetId);

        try (var ownKeyOnly = ANTHROPIC.mock().override("POST", "/v1/messages", (request, reply) -> reply.json(
                USER_ANTHROPIC_KEY.equals(request.header("x-api-key")) ? 200 : 401, CLAUDE_HELLO))) {
            var chat = chat("claude-sonnet-4-5", "Authorization", token);
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(ANTHROPIC.mock().lastRequest().header("x-api-key")).isEqualTo(USER_ANTHROPIC_KEY);

        var usage = get("/v2/billing/usage/my-usage?days=30", "Authorization", token);
        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(json(usage).path("days").asInt()).isEqualTo(30);
        assertThat(json(usage).path("total_requests").asLong()).isEqualTo(1);
        assertThat(json(usage).path("total_input_tokens").asLong()).isEqualTo(1000);
        assertThat(json(usage).path("total_output_tokens").asLong()).isEqualTo(500);
        assertThat(json(usage).path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.0105");

        var removed = delete("/v2/users/me/api-key", "Authorization", token);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).path("has_anthropic_key").asBoolean()).isFalse();
    }

    @Test
    void shouldListOnlyTheModelsTheCallersKeysMakeUsable() {
        var token = tokenOf(createPerson("user"));
        var acmeId = UUID.nameUUIDFromBytes("switchboard/model/m-acme-chat".getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(names(get("/v2/llm-models/?is_active=true", "Authorization", token))).doesNotContain(UNKEYED_MODEL).contains("gpt-4o-mini");
        assertFastApi(get("/v2/llm-models/" + acmeId, "Authorization", token), 404);

        patchJson("/v2/users/me/api-key", "{\"acme_api_key\": \"sk-acme-own-key-0123456789\"}", "Authorization", token);

        assertThat(names(get("/v2/llm-models?is_active=true", "Authorization", token))).contains(UNKEYED_MODEL);
        assertThat(json(get("/v2/llm-models/" + acmeId, "Authorization", token)).path("catalog_id").asString()).isEqualTo("m-acme-chat");
        var removed = delete("/v2/users/me/api-key?provider=acme", "Authorization", token);
        assertThat(json(removed).path("has_acme_key").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswerErrorsAsFastApiDoes() {
        var person = createPerson("user");
        var token = tokenOf(person);

        var wrong = v2Login(person.email(), "not-the-password");
        assertFastApi(wrong, 401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        var inUrl = send(HttpRequest.newBuilder(URI.create(url("/v2/login/access-token?username=x&password=y")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=x&password=y")).build());
        assertThat(inUrl.statusCode()).as("credentials in the URL are refused, as on /api").isEqualTo(422);
        var anonymous = get("/v2/users/me/api-key-status");
        assertFastApi(anonymous, 401);
        assertFastApi(get("/v2/llm-models/" + UUID.randomUUID(), "Authorization", token), 404);

        var invalidKey = patchJson("/v2/users/me/api-key", "{\"anthropic_api_key\": \"short\"}", "Authorization", token);
        assertThat(invalidKey.statusCode()).isEqualTo(422);
        var error = json(invalidKey).path("detail").get(0);
        assertThat(error.path("loc").toString()).isEqualTo("[\"body\",\"anthropic_api_key\"]");
        assertThat(error.path("msg").asString()).contains("anthropic_api_key");
        assertThat(error.path("type").asString()).isEqualTo("value_error");
        assertThat(invalidKey.body()).doesNotContain("short\"");
        var badDays = get("/v2/billing/usage/my-usage?days=0", "Authorization", token);
        assertThat(badDays.statusCode()).isEqualTo(422);
        assertThat(json(badDays).path("detail").get(0).path("loc").get(0).asString()).isEqualTo("query");
        assertThat(get("/v2/billing/usage/my-usage?days=lots", "Authorization", token).statusCode()).isEqualTo(422);
    }

    @Test
    void shouldKeepTheAdminKeyPoolForAdmins() {
        var userToken = tokenOf(createPerson("user"));
        var adminToken = tokenOf(createPerson("admin"));
        var poolKey = "sk-v2-admin-pool-key-000111222333";

        var added = postJson("/v2/admin/llm-keys/", "{\"provider\":\"acme\",\"name\":\"v2 key\",\"api_key\":\"" + poolKey + "\"}",
                "Authorization", adminToken);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var id = json(added).path("id").asString();
        try {
            assertThat(added.body()).doesNotContain(poolKey);
            assertThat(json(get("/v2/admin/llm-keys/", "Authorization", adminToken)).toString()).contains(id);
            assertThat(json(get("/v2/admin/llm-keys/" + id, "Authorization", adminToken)).path("name").asString()).isEqualTo("v2 key");
            assertThat(json(get("/v2/admin/llm-keys/statistics", "Authorization", adminToken)).path("total_keys").asInt()).isPositive();
            var invalid = postJson("/v2/admin/llm-keys/", "{\"provider\":\"acme\",\"name\":\"x\",\"api_key\":\"" + poolKey + "\",\"daily_limit_usd\":-1}",
                    "Authorization", adminToken);
            assertThat(invalid.statusCode()).isEqualTo(422);

            assertFastApi(get("/v2/admin/llm-keys/", "Authorization", userToken), 403);
            assertFastApi(get("/v2/admin/llm-keys/" + id, "Authorization", userToken), 403);
            assertFastApi(postJson("/v2/admin/llm-keys/", "{}", "Authorization", userToken), 403);
            assertFastApi(get("/v2/admin/llm-keys/"), 401);
        } finally {
            assertThat(delete("/v2/admin/llm-keys/" + id, "Authorization", adminToken).statusCode()).isEqualTo(204);
        }
        assertFastApi(get("/v2/admin/llm-keys/" + id, "Authorization", adminToken), 404);
    }

    private HttpResponse<String> v2Login(String username, String password) {
        var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url("/v2/login/access-token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static JsonNode modelNamed(JsonNode page, String name) {
        for (var model : page.path("data")) {
            if (model.path("name").asString().equals(name)) {
                return model;
            }
        }
        throw new AssertionError("no model " + name + " in " + page);
    }

    private static java.util.List<String> names(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var names = new java.util.ArrayList<String>();
        json(page).path("data").forEach(m -> names.add(m.path("name").asString()));
        return names;
    }

    /** FastAPI's error shape: {@code {"detail": "…"}}, never a problem document. */
    static void assertFastApi(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        var body = json(response);
        assertThat(body.path("detail").isString()).as(response.body()).isTrue();
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(body.has("status")).isFalse();
        assertThat(body.has("title")).isFalse();
    }
}
