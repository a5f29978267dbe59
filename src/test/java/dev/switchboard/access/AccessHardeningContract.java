package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What probing the running gateway found, fixed: passwords can be changed and reset, ending older tokens; sign-in reads
 * the form body only; an unsupported field is a 400, never a silent 200; keys without expiry say so; reactivation and a
 * changed admin key take effect at once; lengths and credit grants are checked before the database is asked.
 */
abstract class AccessHardeningContract extends PeopleTestSupport {

    @Autowired
    Users users;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldLetTheOwnerChangeItsPasswordAndEndItsOlderTokens() throws Exception {
        var person = createPerson("user");
        var oldToken = tokenOf(person);
        var key = postJson("/api/users/me/gateway-keys", "{\"name\":\"app\"}", "Authorization", oldToken);
        Thread.sleep(1_100); // tokens count whole seconds: the change must come in a later second than the old token

        var wrong = postJson("/api/users/me/password", "{\"current_password\":\"nope-nope-nope\",\"new_password\":\"a-new-password-1\"}",
                "Authorization", oldToken);
        var changed = postJson("/api/users/me/password",
                "{\"current_password\":\"" + person.password() + "\",\"new_password\":\"a-new-password-1\"}", "Authorization", oldToken);

        assertProblem(wrong, 400);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(get("/api/users/me", "Authorization", oldToken).statusCode()).isEqualTo(401);
        assertThat(get("/api/users/me", "Authorization", "Bearer " + json(changed).path("access_token").asString()).statusCode()).isEqualTo(200);
        assertThat(login(person.email(), person.password()).statusCode()).isEqualTo(401);
        assertThat(login(person.email(), "a-new-password-1").statusCode()).isEqualTo(200);
        assertThat(get("/v1/models", "Authorization", "Bearer " + json(key).path("key").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLetAnAdminResetAPasswordAndRefuseFieldsARouteDoesNotSupport() throws Exception {
        var person = createPerson("user");
        var oldToken = tokenOf(person);
        Thread.sleep(1_100);

        var unknown = patchJson("/api/admin/users/" + person.id(), "{\"colour\":\"red\"}", "Authorization", ADMIN);
        var weak = patchJson("/api/admin/users/" + person.id(), "{\"password\":\"short\"}", "Authorization", ADMIN);
        var reset = patchJson("/api/admin/users/" + person.id(), "{\"password\":\"reset-by-the-admin\"}", "Authorization", ADMIN);

        assertProblem(unknown, 400);
        assertThat(json(unknown).path("detail").asString()).contains("colour");
        assertProblem(weak, 400);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(get("/api/users/me", "Authorization", oldToken).statusCode()).isEqualTo(401);
        assertThat(login(person.email(), "reset-by-the-admin").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReadSignInCredentialsFromTheFormBodyOnly() {
        var person = createPerson("user");

        var inQuery = send(HttpRequest.newBuilder(URI.create(url("/api/login/access-token?username=" + person.email() + "&password="
                + person.password()))).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build());
        var malformed = send(HttpRequest.newBuilder(URI.create(url("/api/login/access-token")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("username=%zz&password=x")).build());

        assertProblem(inQuery, 400);
        assertProblem(malformed, 400);
        assertThat(login(person.email(), person.password()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldShowNoExpiryAsNull() {
        var person = createPerson("user");
        var token = tokenOf(person);
        postJson("/api/users/me/gateway-keys", "{\"name\":\"forever\"}", "Authorization", token);

        var keys = json(get("/api/users/me/gateway-keys", "Authorization", token));

        var key = keys.isArray() ? keys.get(0) : keys.path("data").get(0);
        assertThat(key.path("expires_at").isNull() || key.path("expires_at").isMissingNode()).as(key.toString()).isTrue();
    }

    @Test
    void shouldLetAReactivatedUsersKeysWorkAtOnce() {
        var person = createPerson("user");
        var secret = json(postJson("/api/users/me/gateway-keys", "{\"name\":\"app\"}", "Authorization", tokenOf(person))).path("key").asString();
        patchJson("/api/admin/users/" + person.id(), "{\"is_active\":false}", "Authorization", ADMIN);
        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(401);

        patchJson("/api/admin/users/" + person.id(), "{\"is_active\":true}", "Authorization", ADMIN);

        assertThat(get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRevokeTheAdminKeyThatAChangedSettingReplaces() {
        var replacement = "sk-sb-test-replacement-admin-key-0000";
        try {
            bootstrap(replacement);
            assertThat(get("/api/admin/users", "Authorization", ADMIN).statusCode()).isEqualTo(401);
            assertThat(get("/api/admin/users", "Authorization", "Bearer " + replacement).statusCode()).isEqualTo(200);
        } finally {
            bootstrap(ADMIN_API_KEY);
        }
        assertThat(get("/api/admin/users", "Authorization", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/users", "Authorization", "Bearer " + replacement).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldCheckLengthsAndGrantsBeforeTheDatabaseDoes() {
        var person = createPerson("user");
        var longName = postJson("/api/admin/users", "{\"email\":\"long-" + System.nanoTime() + "@example.test\",\"password\":\"long-enough-1\","
                + "\"full_name\":\"" + "n".repeat(300) + "\"}", "Authorization", ADMIN);
        var longNote = patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\":5,\"note\":\"" + "x".repeat(600) + "\"}", "Authorization", ADMIN);
        var huge = patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\":2000000}", "Authorization", ADMIN);
        jdbc.sql("INSERT INTO credit_grants (id, user_id, amount_nano_usd, granted_by, note, created_at) VALUES (?, ?, ?, NULL, NULL, 0)")
                .params("g-" + System.nanoTime(), person.id(), 999_999_999_000_000_000L).update();
        var overflow = patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\":1000}", "Authorization", ADMIN);

        assertProblem(longName, 400);
        assertThat(json(longName).path("detail").asString()).contains("full_name");
        assertProblem(longNote, 400);
        assertThat(json(longNote).path("detail").asString()).contains("note");
        assertProblem(huge, 400);
        assertProblem(overflow, 400);
        assertThat(json(overflow).path("detail").asString()).contains("balance");
    }

    private void bootstrap(String apiKey) {
        new AdminBootstrap(users, gatewayKeys, passwords, new AdminSettings(ADMIN_EMAIL, ADMIN_PASSWORD, apiKey), transactions).afterPropertiesSet();
    }
}
