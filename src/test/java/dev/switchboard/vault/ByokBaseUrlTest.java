package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code X-BYOK-Base-URL} pointing at loopback, private or link-local addresses (also through a name that resolves
 * there) is refused before any call, unless the admin allowed self-hosted addresses for the provider.
 */
class ByokBaseUrlTest extends PeopleTestSupport {

    private static final String HEADER_KEY = "sk-byok-header-key-for-ssrf-tests-0001";

    @Autowired
    Catalog catalog;

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/v1", "http://localhost:%d/v1", "http://10.1.2.3/v1", "http://192.168.1.10/v1",
            "http://172.16.0.5/v1", "http://169.254.169.254/latest", "http://[::1]:%d/v1", "http://[fd00::1]/v1",
            "http://0.0.0.0:%d/v1", "http://[::ffff:127.0.0.1]:%d/v1", "ftp://example.com/v1", "file:///etc/passwd",
            "http://user:pass@example.com/v1", "not a url"})
    void shouldRefuseAPrivateOrMalformedBaseUrl(String template) {
        var user = newUser();
        var port = Integer.parseInt(OPENAI.mock().root().replaceAll(".*:", ""));
        var baseUrl = template.contains("%d") ? template.formatted(port) : template;

        var response = chat("gpt-4o-mini", "Authorization", bearer(user), "X-BYOK-API-Key", HEADER_KEY, "X-BYOK-Base-URL", baseUrl);

        assertThat(response.statusCode()).as(baseUrl).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("byok_base_url_refused");
        assertThat(response.body()).doesNotContain(HEADER_KEY);
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseABaseUrlWithoutAKey() {
        var user = newUser();

        var response = chat("gpt-4o-mini", "Authorization", bearer(user), "X-BYOK-Base-URL", "https://example.com/v1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asString()).isEqualTo("byok_key_missing");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldServeASelfHostedBaseUrlWhenTheAdminAllowedIt() {
        var user = newUser();
        jdbc.sql("UPDATE providers SET self_hosted_allowed = TRUE WHERE id = 'openai'").update();
        catalog.reload();
        try {
            var response = chat("gpt-4o-mini", "Authorization", bearer(user), "X-BYOK-API-Key", HEADER_KEY,
                    "X-BYOK-Base-URL", OPENAI.baseUrl().replace("127.0.0.1", "localhost") + "/");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(OPENAI.mock().lastRequest().header("Authorization")).isEqualTo("Bearer " + HEADER_KEY);
            assertThat(OPENAI.mock().lastRequest().path()).isEqualTo("/v1/chat/completions");
            var kind = jdbc.sql("SELECT credential_kind FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).single();
            assertThat(kind).isEqualTo("byok-header");
        } finally {
            jdbc.sql("UPDATE providers SET self_hosted_allowed = FALSE WHERE id = 'openai'").update();
            catalog.reload();
        }
    }
}
