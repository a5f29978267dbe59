package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.money.Money;
import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Users, roles, login and settings through the management API, and access tokens on the inference API. Runs on
 * SQLite and on PostgreSQL.
 */
abstract class PeopleContract extends PeopleTestSupport {

    @Test
    void shouldLogInWithEmailAndPasswordAndAcceptTheTokenOnManagementAndInference() {
        var person = createPerson("user");

        var response = login(person.email(), person.password());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("token_type").asString()).isEqualTo("bearer");
        var token = body.path("access_token").asString();
        assertThat(token.split("\\.")).hasSize(3);

        var me = get("/api/users/me", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("email").asString()).isEqualTo(person.email());
        assertThat(json(me).path("role").asString()).isEqualTo("user");
        assertThat(me.body()).doesNotContain("password");

        var chat = chat("gpt-4o-mini", "Authorization", "Bearer " + token);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        var record = jdbc.sql("SELECT gateway_key_id, credential_kind FROM usage_records WHERE user_id = ?")
                .param(person.id()).query().singleRow();
        assertThat(record.get("gateway_key_id")).isNull();
        assertThat(record.get("credential_kind")).isEqualTo("env");
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnUnknownEmailAlikeWith401() {
        var person = createPerson("user");

        var wrongPassword = login(person.email(), "not-the-password");
        var unknownEmail = login("nobody-" + person.email(), person.password());

        assertProblem(wrongPassword, 401);
        assertProblem(unknownEmail, 401);
        assertThat(json(wrongPassword).path("detail").asString()).isEqualTo(json(unknownEmail).path("detail").asString());
        assertThat(wrongPassword.body()).doesNotContain("not-the-password");
    }

    @Test
    void shouldThrottleAnAccountAfterRepeatedFailuresEvenForTheRightPassword() {
        var person = createPerson("user");
        for (var i = 0; i < 5; i++) {
            assertThat(login(person.email(), "wrong-" + i).statusCode()).isEqualTo(401);
        }

        var throttled = login(person.email(), person.password());

        assertProblem(throttled, 429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void shouldRefuseATamperedOrForeignToken() {
        var person = createPerson("user");
        var token = tokenOf(person);
        var tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertProblem(get("/api/users/me", "Authorization", tampered), 401);
        // alg=none, same claims
        var parts = token.substring(7).split("\\.");
        var unsigned = "Bearer eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertProblem(get("/api/users/me", "Authorization", unsigned), 401);
        assertThat(chat("gpt-4o-mini", "Authorization", tampered).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldStopADeactivatedUsersTokensAndKeysAtOnce() {
        var person = createPerson("user");
        var token = tokenOf(person);
        var key = gatewayKeys.create(person.id(), "k", false);
        assertThat(get("/api/users/me", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(get("/v1/models", "Authorization", "Bearer " + key.secret()).statusCode()).isEqualTo(200);

        var deactivated = patchJson("/api/admin/users/" + person.id(), "{\"is_active\":false}", "Authorization", ADMIN);

        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        assertThat(json(deactivated).path("is_active").asBoolean(true)).isFalse();
        assertProblem(get("/api/users/me", "Authorization", token), 401);
        assertThat(get("/v1/models", "Authorization", "Bearer " + key.secret()).statusCode()).isEqualTo(401);
        assertThat(chat("gpt-4o-mini", "Authorization", token).statusCode()).isEqualTo(401);
        assertProblem(login(person.email(), person.password()), 401);
    }

    @Test
    void shouldGiveAPromotedUserTheAdminRoutesAtOnce() {
        var person = createPerson("user");
        var token = tokenOf(person);
        assertProblem(get("/api/admin/users", "Authorization", token), 403);

        var promoted = patchJson("/api/admin/users/" + person.id(), "{\"role\":\"admin\"}", "Authorization", ADMIN);

        assertThat(json(promoted).path("role").asString()).isEqualTo("admin");
        assertThat(get("/api/admin/users", "Authorization", token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRecordACreditsGrantAsAnExactIntegerAmount() {
        var person = createPerson("user");

        var granted = patchJson("/api/admin/users/" + person.id(), "{\"credits_grant\": 5.25, \"note\":\"welcome\"}",
                "Authorization", ADMIN);

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(json(granted).path("credits_granted_usd").decimalValue()).isEqualByComparingTo("5.25");
        var row = jdbc.sql("SELECT amount_nano_usd, note FROM credit_grants WHERE user_id = ?").param(person.id()).query().singleRow();
        assertThat(((Number) row.get("amount_nano_usd")).longValue()).isEqualTo(5_250_000_000L);
        assertThat(row.get("note")).isEqualTo("welcome");
    }

    @Test
    void shouldCreateUsersAndRefuseBadOrDuplicateOnesWithProblems() {
        var person = createPerson("admin");
        var listed = get("/api/admin/users?limit=1000", "Authorization", ADMIN);
        assertThat(listed.body()).contains(person.email()).doesNotContain(person.password()).doesNotContain("password_hash");
        assertThat(get("/api/admin/users", "Authorization", tokenOf(person)).statusCode()).isEqualTo(200);

        assertProblem(postJson("/api/admin/users", """
                {"email":"%s","password":"long-enough-1","role":"user"}""".formatted(person.email()), "Authorization", ADMIN), 409);
        assertProblem(postJson("/api/admin/users", """
                {"email":"x-%s","password":"short","role":"user"}""".formatted(person.email()), "Authorization", ADMIN), 400);
        assertProblem(postJson("/api/admin/users", """
                {"email":"y-%s","password":"long-enough-1","role":"root"}""".formatted(person.email()), "Authorization", ADMIN), 400);
        assertProblem(postJson("/api/admin/users", "{not json", "Authorization", ADMIN), 400);
        assertProblem(patchJson("/api/admin/users/no-such-id", "{\"role\":\"user\"}", "Authorization", ADMIN), 404);
    }

    @Test
    void shouldNotLetAnAdminDemoteOrDeactivateItself() {
        var admin = createPerson("admin");
        var token = tokenOf(admin);

        assertProblem(patchJson("/api/admin/users/" + admin.id(), "{\"role\":\"user\"}", "Authorization", token), 409);
        assertProblem(patchJson("/api/admin/users/" + admin.id(), "{\"is_active\":false}", "Authorization", token), 409);
    }

    @Test
    void shouldKeepEachUsersSettingsToItself() {
        var alice = createPerson("user");
        var bob = createPerson("user");
        var aliceToken = tokenOf(alice);

        var defaults = get("/api/users/me/settings", "Authorization", aliceToken);
        assertThat(json(defaults).path("llm_mode").asString()).isEqualTo("member");
        assertThat(json(defaults).path("email_notifications").asBoolean()).isTrue();

        var saved = putJson("/api/users/me/settings", """
                {"llm_mode":"byok","byok_provider":"openai","first_name":"Alice","marketing_emails":true,"email_notifications":false}""",
                "Authorization", aliceToken);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        var again = json(get("/api/users/me/settings", "Authorization", aliceToken));
        assertThat(again.path("llm_mode").asString()).isEqualTo("byok");
        assertThat(again.path("byok_provider").asString()).isEqualTo("openai");
        assertThat(again.path("first_name").asString()).isEqualTo("Alice");
        assertThat(again.path("email_notifications").asBoolean()).isFalse();
        assertThat(json(get("/api/users/me", "Authorization", aliceToken)).path("llm_mode").asString()).isEqualTo("byok");
        var bobs = json(get("/api/users/me/settings", "Authorization", tokenOf(bob)));
        assertThat(bobs.path("llm_mode").asString()).isEqualTo("member");
        assertThat(bobs.path("email").asString()).isEqualTo(bob.email());
        assertThat(bobs.has("first_name")).isFalse();
    }

    @Test
    void shouldReadAndSetTheCreditAlertThroughTheSettingsWhereTheConsoleBannerReadsIt() {
        var person = createPerson("user");
        var token = tokenOf(person);
        assertThat(json(get("/api/users/me/settings", "Authorization", token)).has("credit_alert_usd")).as("none set").isFalse();

        var set = patchJson("/api/users/me/settings", "{\"credit_alert_usd\": 2.5}", "Authorization", token);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).path("credit_alert_usd").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(accounts.creditAlert(person.id())).as("what the banner reads").contains(Money.ofUsd("2.5"));

        assertThat(putJson("/api/users/me/settings", "{\"first_name\":\"Ann\"}", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/users/me/settings", "Authorization", token)).path("credit_alert_usd").decimalValue())
                .as("a change without it keeps it").isEqualByComparingTo("2.5");

        for (var wrong : java.util.List.of("-1", "\"lots\"", "0.0000000001", "1000001")) {
            var refused = patchJson("/api/users/me/settings", "{\"first_name\":\"Bob\",\"credit_alert_usd\":" + wrong + "}", "Authorization", token);
            assertProblem(refused, 400);
            assertThat(json(refused).path("detail").asString()).as(wrong)
                    .isEqualTo("'credit_alert_usd' must be an amount in USD from 0 to 1000000 with at most 9 decimals.");
        }
        var kept = json(get("/api/users/me/settings", "Authorization", token));
        assertThat(kept.path("first_name").asString()).as("a refused body saves nothing").isEqualTo("Ann");
        assertThat(kept.path("credit_alert_usd").decimalValue()).isEqualByComparingTo("2.5");

        var removed = patchJson("/api/users/me/settings", "{\"credit_alert_usd\": null}", "Authorization", token);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).has("credit_alert_usd")).isFalse();
        assertThat(accounts.creditAlert(person.id())).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    Accounts accounts;

    @Test
    void shouldRefuseAnUnknownModeWithAProblem() {
        var person = createPerson("user");

        assertProblem(putJson("/api/users/me/settings", "{\"llm_mode\":\"free\"}", "Authorization", tokenOf(person)), 400);
    }

    @Test
    void shouldRefuseProfileValuesByTheRulesTheConsoleShowsNextToTheField() {
        var token = tokenOf(createPerson("user"));
        var cases = java.util.Map.of(
                "{\"username\":\"a b\"}", "'username' must be 3 to 100 letters, digits, dots, dashes or underscores.",
                "{\"first_name\":\"" + "x".repeat(101) + "\"}", "'first_name' must be at most 100 characters long.",
                "{\"last_name\":\"tab\\there\"}", "'last_name' must not contain control characters.");
        cases.forEach((body, detail) -> {
            var refused = putJson("/api/users/me/settings", body, "Authorization", token);
            assertProblem(refused, 400);
            assertThat(json(refused).path("detail").asString()).isEqualTo(detail);
        });
        assertThat(putJson("/api/users/me/settings", "{\"username\":\"ada_l-1.x\"}", "Authorization", token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerManagementErrorsAsProblemDetails() {
        var user = newUser();

        assertProblem(get("/api/users/me"), 401);
        assertProblem(get("/api/users/me", "Authorization", "Bearer sk-sb-unknown-key-0000000000"), 401);
        assertProblem(get("/api/no-such-endpoint", "Authorization", bearer(user)), 404);
        assertProblem(get("/api/admin/users?limit=abc", "Authorization", ADMIN), 400);
    }
}
