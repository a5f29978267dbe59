package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.switchboard.testing.AnthropicUpstream;
import org.junit.jupiter.api.Test;

/**
 * API clients end to end: created by an admin with the key shown once, accepted as {@code X-API-Key} or bearer on the
 * inference endpoints (never on the management API), named on their usage records, limited to their models, switched
 * off and deleted at once, and each limit a budget that 50 concurrent calls cannot pass.
 */
abstract class ApiClientsContract extends BudgetTestSupport {

    @Test
    void shouldShowTheKeyOnceAndAcceptItAsXApiKeyOrBearerOnEveryInferenceEndpoint() {
        var created = admin("POST", "/api/admin/api-clients", "{\"name\":\"marketing-" + System.nanoTime() + "\",\"rpm_limit\":600,"
                + "\"daily_budget_usd\":5,\"allowed_models\":[]}");
        assertThat(created.statusCode()).isEqualTo(201);
        var id = json(created).path("id").asString();
        var key = json(created).path("api_key").asString();
        assertThat(json(created).path("daily_budget_usd").decimalValue()).isEqualByComparingTo("5");

        assertThat(chat(MODEL, "X-API-Key", key).statusCode()).isEqualTo(200);
        assertThat(chat(MODEL, "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        var messages = postJson("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "x-api-key", key, "anthropic-version", "2023-06-01");
        assertThat(messages.statusCode()).isEqualTo(200);

        assertThat(records("client_id", id)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE client_id = ? AND user_id IS NULL").param(id).query(Long.class).single()).isEqualTo(3);
        var shown = admin("GET", "/api/admin/api-clients/" + id, null);
        assertThat(shown.body()).doesNotContain(key).contains("\"masked_key\":\"****" + key.substring(key.length() - 4));
        assertThat(admin("GET", "/api/admin/api-clients", null).body()).contains(id).doesNotContain(key);
        assertThat(json(shown).path("spent_today_usd").decimalValue()).isPositive();
        assertThat(get("/api/users/me", "X-API-Key", key).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldStopAClientAtOnceWhenSwitchedOffOrDeleted() {
        var client = newClient("");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);

        var off = admin("PUT", "/api/admin/api-clients/" + client[0], "{\"name\":\"off-" + client[0] + "\",\"active\":false}");
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(401);
        admin("PUT", "/api/admin/api-clients/" + client[0], "{\"name\":\"on-" + client[0] + "\",\"active\":true}");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);

        assertThat(admin("DELETE", "/api/admin/api-clients/" + client[0], null).statusCode()).isEqualTo(204);
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/api/admin/api-clients/" + client[0], null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseBadSettingsNamingTheFieldAndUsersAltogether() {
        var cases = Map.of(
                "rpm_limit", "{\"name\":\"x\",\"rpm_limit\":0}",
                "daily_budget_usd", "{\"name\":\"x\",\"daily_budget_usd\":-1}",
                "monthly_budget_usd", "{\"name\":\"x\",\"monthly_budget_usd\":0.0000000001}",
                "name", "{\"rpm_limit\":5}",
                "colour", "{\"name\":\"x\",\"colour\":\"red\"}");
        cases.forEach((field, body) -> {
            var response = admin("POST", "/api/admin/api-clients", body);
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            assertThat(json(response).path("detail").asString()).as(field).contains(field);
        });
        var user = newUser();
        assertThat(get("/api/admin/api-clients", "Authorization", bearer(user)).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldServeOnlyTheAllowedModelsByNameOrAlias() {
        var client = newClient(",\"allowed_models\":[\"" + ALIAS + "\"]");

        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        assertThat(chat(ALIAS, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        var other = chat("gpt-4o-mini", "X-API-Key", client[1]);

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(error(other).path("code").asString()).isEqualTo("model_not_allowed");
        assertThat(error(other).path("message").asString()).contains("gpt-4o-mini", ALIAS);
        assertThat(get("/v1/models", "X-API-Key", client[1]).body()).contains(MODEL).doesNotContain("gpt-4o-mini");
    }

    @Test
    void shouldServeAtMostTheCallsThatAClientsDailyBudgetHoldsOf50AtOnce() {
        var client = newClient(",\"daily_budget_usd\":0.00005");
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "X-API-Key", client[1]));

        assertThat(count(responses, 200)).isEqualTo(5);
        assertThat(count(responses, 402)).isEqualTo(45);
        var refused = responses.stream().filter(r -> r.statusCode() == 402).findFirst().orElseThrow();
        assertThat(error(refused).path("code").asString()).isEqualTo("client_daily_budget_exceeded");
        assertThat(error(refused).path("type").asString()).isEqualTo("insufficient_quota");
        assertThat(error(refused).path("message").asString()).contains("daily budget", "left", "resets at 2026-12-02T00:00:00Z");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(spending.clientUsed(client[0], true)).isEqualTo(new Counters.Used(5 * CALL, 0));
        assertThat(records("client_id", client[0])).isEqualTo(5);
        assertThat(json(admin("GET", "/api/admin/api-clients/" + client[0], null)).path("spent_today_usd").decimalValue())
                .isEqualByComparingTo("0.00005");
    }

    @Test
    void shouldServeAtMostTheCallsThatAClientsMonthlyBudgetHoldsOf50AtOnceAndResetNextMonth() {
        var client = newClient(",\"monthly_budget_usd\":0.00003");
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "X-API-Key", client[1]));

        assertThat(count(responses, 200)).isEqualTo(3);
        assertThat(error(responses.stream().filter(r -> r.statusCode() == 402).findFirst().orElseThrow()).path("code").asString())
                .isEqualTo("client_monthly_budget_exceeded");
        assertThat(spending.clientUsed(client[0], false)).isEqualTo(new Counters.Used(3 * CALL, 0));
        CLOCK.set(java.time.Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReleaseAReservationWhenTheProviderFails() {
        var client = newClient(",\"daily_budget_usd\":0.00001");
        OPENAI.willFail(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");

        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isGreaterThanOrEqualTo(500);

        assertThat(spending.clientUsed(client[0], true)).isEqualTo(new Counters.Used(0, 0));
        OPENAI.reset();
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(402);
    }

    @Test
    void shouldAnswerABudgetRefusalInTheAnthropicDialect() {
        var client = newClient(",\"daily_budget_usd\":0.000000001");

        var refused = postJson("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "x-api-key", client[1], "anthropic-version", "2023-06-01");

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(json(refused).path("type").asString()).isEqualTo("error");
        assertThat(json(refused).path("error").path("type").asString()).isEqualTo("billing_error");
        assertThat(json(refused).path("error").path("message").asString()).contains("daily budget");
        assertThat(AnthropicUpstream.KEY).isNotBlank();
    }

    @Test
    void shouldLimitRequestsPerMinuteWithOpenAisHeadersOnAnswersAndRefusals() {
        var client = newClient(",\"rpm_limit\":3");

        var answers = java.util.stream.IntStream.range(0, 3).mapToObj(i -> chat(MODEL, "X-API-Key", client[1])).toList();
        var refused = chat(MODEL, "X-API-Key", client[1]);

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow())).containsExactly("2", "1", "0");
        assertThat(answers.getFirst().headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
        assertThat(answers.getFirst().headers().firstValue("x-ratelimit-reset-requests")).hasValue("20s");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error(refused).path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(refused.headers().firstValue("retry-after")).hasValue("20");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(records("client_id", client[0])).isEqualTo(3);
        CLOCK.advance(java.time.Duration.ofSeconds(20));
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldTakeOneRequestPerCallHoweverManyAttemptsItMakes() {
        var client = newClient(",\"rpm_limit\":3");
        OPENAI.mock().failNext(dev.switchboard.testing.MockUpstream.status(503));

        var fellBack = postJson("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"fallbacks\":[\"claude-sonnet-4-5\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "X-API-Key", client[1]);
        var next = chat(MODEL, "X-API-Key", client[1]);

        assertThat(fellBack.statusCode()).isEqualTo(200);
        assertThat(fellBack.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(fellBack.headers().firstValue("x-ratelimit-remaining-requests")).as("two attempts, one request").hasValue("2");
        assertThat(next.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    }

    @Test
    void shouldServeAtMostTheRequestsPerMinuteOf50AtOnce() {
        var client = newClient(",\"rpm_limit\":5");
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "X-API-Key", client[1]));

        assertThat(count(responses, 200)).isEqualTo(5);
        assertThat(count(responses, 429)).isEqualTo(45);
    }

    @Test
    void shouldLetAWorstCaseThroughButCountOnlyTheRealTokensOfEachCall() {
        var body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":600,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        var probe = postJson("/v1/chat/completions", body, "Authorization", "Bearer " + tpmKey(1_000_000));
        var worstCase = 1_000_000 - Long.parseLong(probe.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
        var usage = json(probe).path("usage");
        var real = usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong();
        assertThat(worstCase).as("the worst case is larger than a call's real tokens").isGreaterThan(600).isGreaterThan(5 * real);
        var calls = 5;
        var limit = (calls - 1) * real + worstCase; // the last of the 5 calls finds exactly its worst case left
        var key = tpmKey(limit);

        var answers = java.util.stream.IntStream.range(0, calls + 1)
                .mapToObj(i -> postJson("/v1/chat/completions", body, "Authorization", "Bearer " + key)).toList();

        assertThat(answers.stream().map(java.net.http.HttpResponse::statusCode)).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(answers.subList(0, calls).stream().map(a -> Long.parseLong(a.headers().firstValue("x-ratelimit-remaining-tokens")
                .orElseThrow()))).as("each call found the real tokens of the ones before taken, not their worst cases")
                .containsExactly(limit - worstCase, limit - worstCase - real, limit - worstCase - 2 * real, limit - worstCase - 3 * real, 0L);
        assertThat(error(answers.getLast()).path("message").asString()).contains(limit + " tokens per minute");
        CLOCK.advance(java.time.Duration.ofMinutes(1));
        assertThat(postJson("/v1/chat/completions", body, "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldGiveBackTheTokensOfACallThatABudgetRefused() {
        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"tpm\",\"tpm_limit\":100000,\"daily_budget_usd\":0.000001}",
                "Authorization", bearer(newUser()));
        var key = json(created).path("key").asString();

        var first = chat(MODEL, "Authorization", "Bearer " + key);
        var second = chat(MODEL, "Authorization", "Bearer " + key);

        assertThat(first.statusCode()).isEqualTo(402);
        assertThat(second.statusCode()).isEqualTo(402);
        var left = Long.parseLong(first.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
        assertThat(left).as("the call took its worst case").isLessThan(100_000);
        assertThat(second.headers().firstValue("x-ratelimit-remaining-tokens")).as("the refused first call gave it back")
                .hasValue(Long.toString(left));
    }

    /** A new user's gateway key limited to these tokens per minute. */
    private String tpmKey(long tpm) {
        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"tpm\",\"tpm_limit\":" + tpm + "}", "Authorization", bearer(newUser()));
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).path("key").asString();
    }

    @Test
    void shouldReleaseAReservationWhenTheClientLeavesMidStream() throws Exception {
        var client = newClient(",\"daily_budget_usd\":0.00002");
        var chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-budget\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";
        try (var ignored = OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            var out = reply.startSse();
            for (var i = 0; i < 60; i++) {
                out.write(chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        })) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v1/chat/completions")))
                    .header("Content-Type", "application/json").header("X-API-Key", client[1])
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"stream\":true,\"max_tokens\":10,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build();
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                assertThat(new String(body.readNBytes(5), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("data:");
            }
            assertThat(spending.clientUsed(client[0], true).reserved()).as("held while the answer streams").isEqualTo(CALL);

            var statuses = java.util.List.<String>of();
            for (var i = 0; i < 100 && (statuses.isEmpty() || spending.clientUsed(client[0], true).reserved() != 0); i++) {
                Thread.sleep(100);
                statuses = jdbc.sql("SELECT status FROM usage_records WHERE client_id = ?").param(client[0]).query(String.class).list();
            }
            assertThat(statuses).containsExactly("cancelled");
            assertThat(spending.clientUsed(client[0], true).reserved()).isZero();
        }
    }
}
