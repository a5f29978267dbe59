package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.switchboard.access.TokenSigningKey;
import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A run that handles distinctive secrets of every kind (passwords, provider keys stored and sent per request, gateway
 * keys, the token signing key, the master key), through successes and failures; then neither any response it got nor
 * the log holds any of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest extends PeopleTestSupport {

    private static final String PASSWORD = "Pw-LEAKCHECK-7f3a9c1e-password";
    private static final String STORED_KEY = "sk-LEAKCHECK-stored-0a1b2c3d4e5f6789";
    private static final String HEADER_KEY = "sk-LEAKCHECK-header-9f8e7d6c5b4a3210";
    private static final String MALFORMED_KEY = "sk-LEAKCHECK malformed key";
    private static final String POOL_KEY = "gsk_LEAKCHECK-pool-5e6f7a8b9c0d1e2f3a4b";

    @Autowired
    TokenSigningKey signingKey;

    @Test
    void shouldKeepEverySecretOutOfResponsesAndLogs(CapturedOutput output) {
        var email = "leak-" + System.nanoTime() + "@example.test";
        var created = postJson("/api/admin/users", """
                {"email":"%s","password":"%s","role":"user","full_name":"Leak Check"}""".formatted(email, PASSWORD), "Authorization", ADMIN);
        assertThat(created.statusCode()).isEqualTo(201);
        login(email, PASSWORD + "-wrong");
        var token = "Bearer " + json(login(email, PASSWORD)).path("access_token").asString();
        login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var keyUser = newUser();

        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"" + STORED_KEY + "\"}", "Authorization", token);
        patchJson("/api/users/me/api-key", "{\"groq_api_key\":\"" + MALFORMED_KEY + "\"}", "Authorization", token);
        get("/api/users/me/api-key-status", "Authorization", token);
        get("/api/users/me", "Authorization", token);
        get("/api/admin/users?limit=1000", "Authorization", ADMIN);
        get("/api/admin/providers", "Authorization", ADMIN);
        chat("gpt-4o-mini", "Authorization", token);
        OPENAI.willFail(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        chat("gpt-4o-mini", "Authorization", token);
        OPENAI.willFail(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
        chat("gpt-4o-mini", "Authorization", token, "X-BYOK-API-Key", HEADER_KEY);
        OPENAI.reset();
        chat("gpt-4o-mini", "Authorization", bearer(keyUser), "X-BYOK-API-Key", HEADER_KEY);
        chat("gpt-4o-mini", "Authorization", bearer(keyUser), "X-BYOK-API-Key", HEADER_KEY, "X-BYOK-Base-URL", "http://10.0.0.1/v1");
        get("/v1/models", "Authorization", "Bearer " + keyUser.secret() + "x");
        get("/api/users/me", "Authorization", token + "x");
        get("/api/admin/users", "Authorization", bearer(keyUser));
        assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + HEADER_KEY);
        var pooled = json(postJson("/api/admin/llm-keys", "{\"provider\":\"groq\",\"name\":\"leak-check\",\"api_key\":\"" + POOL_KEY + "\"}",
                "Authorization", ADMIN)).path("id").asString();
        try {
            get("/api/admin/llm-keys", "Authorization", ADMIN);
            get("/api/admin/llm-keys/" + pooled, "Authorization", ADMIN);
            get("/api/admin/llm-keys/statistics", "Authorization", ADMIN);
            get("/api/admin/llm-keys/active?provider=groq", "Authorization", ADMIN);
            // the seeds' own paths (compat) show the same keys in their fields
            get("/api/llm/keys", "Authorization", ADMIN);
            get("/api/llm/keys/" + pooled, "Authorization", ADMIN);
            get("/api/llm/keys/active?provider=groq", "Authorization", ADMIN);
            get("/v2/admin/llm-keys/", "Authorization", ADMIN);
            get("/api/admin/llm/providers", "Authorization", ADMIN);
            patchJson("/v2/users/me/api-key", "{\"openai_api_key\":\"" + STORED_KEY + "\"}", "Authorization", token);
            patchJson("/v2/users/me/api-key", "{\"groq_api_key\":\"" + MALFORMED_KEY + "\"}", "Authorization", token);
            get("/v2/users/me/api-key-status", "Authorization", token);
            chat("llama-3.3-70b-versatile", "Authorization", token);
            assertThat(GROQ.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + POOL_KEY);
            GROQ.willFail(401, "{\"error\":{\"message\":\"Invalid API Key " + POOL_KEY + "\",\"type\":\"invalid_request_error\"}}");
            chat("llama-3.3-70b-versatile", "Authorization", token);
            postJson("/v1/responses", "{\"model\":\"llama-3.3-70b-versatile\",\"input\":\"hi\"}", "Authorization", token);
            postJson("/v1/responses", "{\"model\":\"llama-3.3-70b-versatile\",\"input\":\"hi\",\"stream\":true}", "Authorization", token);
            postJson("/api/admin/llm-keys/" + pooled + "/test", "", "Authorization", ADMIN);
            GROQ.reset();
        } finally {
            send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/admin/llm-keys/" + pooled))).header("Authorization", ADMIN)
                    .DELETE().build());
        }

        var client = postJson("/api/admin/api-clients", "{\"name\":\"leak-check\",\"rpm_limit\":100}", "Authorization", ADMIN);
        responses.remove(client); // the one answer that shows the client's key
        var clientKey = json(client).path("api_key").asString();
        chat("gpt-4o-mini", "X-API-Key", clientKey);
        get("/api/admin/api-clients", "Authorization", ADMIN);
        get("/api/users/me", "X-API-Key", clientKey);
        chat("gpt-4o-mini", "X-API-Key", clientKey + "x");

        var secrets = secrets(keyUser.secret());
        secrets.add(clientKey);
        for (var response : responses) {
            var seen = response.headers().map() + "\n" + response.body();
            for (var secret : secrets) {
                assertThat(seen).as(response.request().method() + " " + response.request().uri()).doesNotContain(secret);
            }
        }
        assertThat(output.getAll()).contains("Failed sign-in from");
        for (var secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(output.getAll()).doesNotContain(token.substring(7));
    }

    private List<String> secrets(String gatewayKey) {
        var key = signingKey.hs256Key();
        var list = new ArrayList<>(List.of(PASSWORD, ADMIN_PASSWORD, STORED_KEY, HEADER_KEY, MALFORMED_KEY, POOL_KEY, gatewayKey,
                ADMIN_API_KEY, OPENAI_KEY, ENCRYPTION_KEY, HexFormat.of().formatHex(Base64.getDecoder().decode(ENCRYPTION_KEY)),
                Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key)));
        list.add(STORED_KEY.substring(0, STORED_KEY.length() - 4));
        return list;
    }
}
