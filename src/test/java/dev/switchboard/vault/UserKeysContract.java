package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Users' own provider keys (sealed at rest, masked on the way out, serving only their owner) and the credential
 * order X-BYOK-API-Key → own key → pool → environment, asserted on what the mock upstream received. Runs on SQLite
 * and on PostgreSQL.
 */
abstract class UserKeysContract extends PeopleTestSupport {

    @Autowired
    SecretBox secretBox;

    private static String distinctKey(String label) {
        return "sk-" + label + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    private String usageKind(String userId) {
        return jdbc.sql("SELECT credential_kind FROM usage_records WHERE user_id = ? ORDER BY created_at DESC, id LIMIT 1")
                .param(userId).query(String.class).single();
    }

    @Test
    void shouldStoreAKeySealedAndBoundToItsRow() {
        var person = createPerson("user");
        var key = distinctKey("openai-own");

        var saved = patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + key + "\"}", "Authorization", tokenOf(person));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        var row = jdbc.sql("SELECT id, sealed_key, key_tail FROM user_provider_keys WHERE user_id = ? AND provider_id = 'openai'")
                .param(person.id()).query().singleRow();
        var sealed = (String) row.get("sealed_key");
        assertThat(sealed).doesNotContain(key).doesNotContain(key.substring(3, 20))
                .doesNotContain(Base64.getEncoder().encodeToString(key.getBytes()));
        assertThat(secretBox.open(sealed, UserKeys.boundTo((String) row.get("id")))).isEqualTo(key);
        assertThatThrownBy(() -> secretBox.open(sealed, UserKeys.boundTo(UUID.randomUUID().toString())))
                .isInstanceOf(SecretBox.Unreadable.class).hasMessageNotContaining(key);
        var everything = jdbc.sql("SELECT * FROM user_provider_keys WHERE user_id = ?").param(person.id()).query().listOfRows().toString();
        assertThat(everything).doesNotContain(key);
    }

    @Test
    void shouldShowOnlyWhetherAKeyIsSetAndItsMaskedTail() {
        var person = createPerson("user");
        var token = tokenOf(person);
        var key = distinctKey("anthropic-own");

        var saved = patchJson("/api/users/me/api-key", "{\"anthropic_api_key\":\"" + key + "\", \"github_token\":\"ghp_" + key + "\"}",
                "Authorization", token);

        assertThat(saved.body()).doesNotContain(key);
        var status = json(get("/api/users/me/api-key-status", "Authorization", token));
        assertThat(status.path("has_anthropic_key").asBoolean()).isTrue();
        assertThat(status.path("has_github_key").asBoolean()).isTrue();
        assertThat(status.path("has_openai_key").asBoolean(true)).isFalse();
        assertThat(status.path("has_google_key").asBoolean(true)).isFalse();
        assertThat(status.path("anthropic_key_masked").asString()).isEqualTo("****" + key.substring(key.length() - 4));

        assertThat(delete("/api/users/me/api-key?provider=anthropic", "Authorization", token).statusCode()).isEqualTo(204);
        assertThat(json(get("/api/users/me/api-key-status", "Authorization", token)).path("has_anthropic_key").asBoolean(true)).isFalse();
        assertProblem(delete("/api/users/me/api-key?provider=nope", "Authorization", token), 400);
        assertProblem(patchJson("/api/users/me/api-key", "{\"mistral_api_key\":\"abcdefghijkl\"}", "Authorization", token), 400);
        var refused = patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"has a space in it\"}", "Authorization", token);
        assertProblem(refused, 400);
        assertThat(refused.body()).doesNotContain("has a space in it");
    }

    @Test
    void shouldServeTheHeaderKeyBeforeTheUsersOwnKey() {
        var person = createPerson("user");
        var token = tokenOf(person);
        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + distinctKey("own") + "\"}", "Authorization", token);
        var headerKey = distinctKey("header");

        var response = chat("gpt-4o-mini", "Authorization", token, "X-BYOK-API-Key", headerKey);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + headerKey);
        assertThat(usageKind(person.id())).isEqualTo("byok-header");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_provider_keys WHERE user_id = ? AND sealed_key LIKE ?")
                .params(person.id(), "%" + headerKey + "%").query(Long.class).single()).isZero();
    }

    @Test
    void shouldServeTheUsersOwnKeyBeforeTheEnvironmentKey() {
        var person = createPerson("user");
        var token = tokenOf(person);
        var own = distinctKey("own");
        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + own + "\"}", "Authorization", token);

        var response = chat("gpt-4o-mini", "Authorization", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + own);
        assertThat(usageKind(person.id())).isEqualTo("user-key");
        var rowId = jdbc.sql("SELECT id FROM user_provider_keys WHERE user_id = ?").param(person.id()).query(String.class).single();
        assertThat(jdbc.sql("SELECT credential_id FROM usage_records WHERE user_id = ?").param(person.id()).query(String.class).single())
                .isEqualTo(rowId);
    }

    @Test
    void shouldFallBackToTheEnvironmentKeyForAMemberWithoutKeys() {
        var person = createPerson("user");

        var response = chat("gpt-4o-mini", "Authorization", tokenOf(person));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(usageKind(person.id())).isEqualTo("env");
    }

    @Test
    void shouldNeverServeAByokModeUserWithManagedKeys() {
        var person = createPerson("user");
        var token = tokenOf(person);
        putJson("/api/users/me/settings", "{\"llm_mode\":\"byok\"}", "Authorization", token);

        var refused = chat("gpt-4o-mini", "Authorization", token);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").path("code").asString()).isEqualTo("provider_key_missing");
        assertThat(json(refused).path("error").path("message").asString()).contains("BYOK").contains("api-key");
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(json(get("/v1/models", "Authorization", token)).path("data")).isEmpty();
        assertThat(json(get("/api/llm-models?is_active=true", "Authorization", token)).path("data")).isEmpty();

        var own = distinctKey("own");
        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + own + "\"}", "Authorization", token);
        assertThat(chat("gpt-4o-mini", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + own);
    }

    @Test
    void shouldNotFallBackWhenTheHeaderKeyIsRefusedUpstream() {
        var person = createPerson("user");
        var headerKey = distinctKey("header-bad");
        OPENAI.willFail(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");

        var response = chat("gpt-4o-mini", "Authorization", tokenOf(person), "X-BYOK-API-Key", headerKey);

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(OPENAI.mock().requests()).hasSize(1);
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + headerKey);
        assertThat(response.body()).doesNotContain(headerKey);
    }

    @Test
    void shouldUseOneUsersKeyOnlyForThatUser() {
        var alice = createPerson("user");
        var bob = createPerson("user");
        var alicesKey = distinctKey("alice");
        var aliceToken = tokenOf(alice);
        var bobToken = tokenOf(bob);
        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + alicesKey + "\", \"" + UNKEYED_PROVIDER + "_api_key\":\"" + alicesKey + "\"}",
                "Authorization", aliceToken);

        chat("gpt-4o-mini", "Authorization", bobToken);

        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(json(get("/api/users/me/api-key-status", "Authorization", bobToken)).path("has_openai_key").asBoolean(true)).isFalse();
        assertThat(modelNames(get("/v1/models", "Authorization", aliceToken).body())).contains(UNKEYED_MODEL);
        assertThat(modelNames(get("/v1/models", "Authorization", bobToken).body())).doesNotContain(UNKEYED_MODEL)
                .contains("gpt-4o-mini");
        var bobsUsage = json(get("/api/billing/usage/my-usage?days=1", "Authorization", bobToken));
        var alicesUsage = json(get("/api/billing/usage/my-usage?days=1", "Authorization", aliceToken));
        assertThat(bobsUsage.path("total_requests").asLong()).isEqualTo(1);
        assertThat(alicesUsage.path("total_requests").asLong()).isZero();
    }

    @Test
    void shouldListOnlyTheModelsACallerCanUseWithDecimalPrices() {
        var person = createPerson("user");
        var token = tokenOf(person);
        assertThat(modelNames(get("/api/llm-models?is_active=true", "Authorization", token).body()))
                .contains("gpt-4o-mini").doesNotContain(UNKEYED_MODEL);
        assertProblem(get("/api/llm-models/m-acme-chat", "Authorization", token), 404);

        patchJson("/api/users/me/api-key", "{\"" + UNKEYED_PROVIDER + "_api_key\":\"" + distinctKey("acme") + "\"}", "Authorization", token);

        var listed = get("/api/llm-models?is_active=true", "Authorization", token);
        assertThat(modelNames(listed.body())).contains("gpt-4o-mini", UNKEYED_MODEL);
        assertThat(modelNames(get("/v1/models", "Authorization", token).body())).contains(UNKEYED_MODEL);
        var one = get("/api/llm-models/m-acme-chat", "Authorization", token);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("input_price_per_1m").decimalValue()).isEqualByComparingTo("1");
        assertThat(json(one).path("output_price_per_1m").decimalValue()).isEqualByComparingTo("2");
        assertThat(json(one).path("provider_id").asString()).isEqualTo(UNKEYED_PROVIDER);
    }

    private static java.util.List<String> modelNames(String body) {
        var names = new java.util.ArrayList<String>();
        json(body).path("data").forEach(m -> names.add(m.has("name") ? m.path("name").asString() : m.path("id").asString()));
        return names;
    }

    private static tools.jackson.databind.JsonNode json(String body) {
        return dev.switchboard.testing.MockUpstream.JSON.readTree(body);
    }
}
