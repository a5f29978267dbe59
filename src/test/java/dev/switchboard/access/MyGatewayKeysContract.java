package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** {@code /api/users/me/gateway-keys}: keys for applications, shown once, stored as hashes, revoked at once. */
abstract class MyGatewayKeysContract extends GatewayTestSupport {

    @Test
    void shouldShowANewKeyOnceAndOnlyItsTailAfterwards() {
        var user = newUser();

        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"my app\"}", "Authorization", bearer(user));

        assertThat(created.statusCode()).isEqualTo(201);
        var secret = json(created).path("key").asString();
        assertThat(secret).startsWith("sk-sb-").hasSizeGreaterThan(40);
        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
        var listed = get("/api/users/me/gateway-keys", "Authorization", bearer(user));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).contains("my app", "****" + secret.substring(secret.length() - 4));
        assertThat(json(listed)).hasSize(2); // the test user's own key and the new one
        var stored = jdbc.sql("SELECT key_hash FROM gateway_keys WHERE id = ?").param(json(created).path("id").asString())
                .query(String.class).single();
        assertThat(stored).doesNotContain(secret).hasSize(64);
    }

    @Test
    void shouldRevokeAKeyAtOnceAndOnlyForItsOwner() {
        var owner = newUser();
        var other = newUser();
        var created = json(postJson("/api/users/me/gateway-keys", "{}", "Authorization", bearer(owner)));
        var secret = created.path("key").asString();
        var id = created.path("id").asString();
        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);

        assertThat(delete("/api/users/me/gateway-keys/" + id, bearer(other))).isEqualTo(404);
        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
        assertThat(delete("/api/users/me/gateway-keys/" + id, bearer(owner))).isEqualTo(204);

        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(401);
        assertThat(delete("/api/users/me/gateway-keys/" + id, bearer(owner))).isEqualTo(404);
    }

    @Test
    void shouldRefuseAdminKeysToUsersAndBadExpiries() {
        var user = newUser();

        var admin = postJson("/api/users/me/gateway-keys", "{\"admin\":true}", "Authorization", bearer(user));
        var expiry = postJson("/api/users/me/gateway-keys", "{\"expires_in_days\":0}", "Authorization", bearer(user));
        var anonymous = postJson("/api/users/me/gateway-keys", "{}");

        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(json(admin).path("detail").asString()).contains("admin");
        assertThat(expiry.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(get("/api/users/me/gateway-keys", "Authorization", bearer(user)))).hasSize(1);
    }

    private int delete(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", authorization).DELETE().build()).statusCode();
    }
}
