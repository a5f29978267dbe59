package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Budgets of users and of the organisation, end to end: a gateway key's own budget, member credits at the provider's
 * multiplier (debited once, with the usage record; a user's own key costs none), subscriptions and trials on managed
 * keys, the organisation's daily and monthly limits, a gateway key's daily and monthly budgets; each under 50 concurrent calls, and reservations that a crash cannot leak.
 */
abstract class SpendingContract extends BudgetTestSupport {

    @Autowired
    SpentSince spentSince;
    @Autowired
    CountersHolder holder;
    @Autowired
    Instances instances;
    @Autowired
    RedisLink redis;

    @Test
    void shouldServeAtMostTheCallsThatAGatewayKeysBudgetHoldsOf50AtOnce() {
        var user = newUser();
        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"limited\",\"monthly_budget_usd\":0.00004,\"daily_budget_usd\":1}",
                "Authorization", bearer(user));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("monthly_budget_usd").decimalValue()).isEqualByComparingTo("0.00004");
        var key = json(created).path("key").asString();
        var keyId = json(created).path("id").asString();
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "Authorization", "Bearer " + key));

        assertThat(count(responses, 200)).isEqualTo(4);
        assertThat(responses.stream().filter(r -> r.statusCode() == 402).map(r -> error(r).path("code").asString()).distinct())
                .containsExactly("key_monthly_budget_exceeded");
        assertThat(spending.keyUsed(keyId, false)).isEqualTo(new Counters.Used(4 * CALL, 0));
        assertThat(chat(MODEL, "Authorization", bearer(user)).statusCode()).as("the user's other key has no budget").isEqualTo(200);
    }

    @Test
    void shouldServeAtMostTheCallsThatAGatewayKeysDailyBudgetHoldsOf50AtOnceUntilTheNextDay() {
        var user = newUser();
        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"daily\",\"daily_budget_usd\":0.00003}", "Authorization", bearer(user));
        assertThat(created.statusCode()).isEqualTo(201);
        var key = json(created).path("key").asString();
        var keyId = json(created).path("id").asString();
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "Authorization", "Bearer " + key));

        assertThat(count(responses, 200)).isEqualTo(3);
        assertThat(count(responses, 402)).isEqualTo(47);
        assertThat(responses.stream().filter(r -> r.statusCode() == 402).map(r -> error(r).path("code").asString()).distinct())
                .containsExactly("key_daily_budget_exceeded");
        assertThat(spending.keyUsed(keyId, true)).as("nothing left reserved").isEqualTo(new Counters.Used(3 * CALL, 0));
        CLOCK.set(Instant.parse("2026-12-02T00:00:01Z"));
        assertThat(chat(MODEL, "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldHoldTheOrganisationsMonthlyLimitAgainst50CallsAtOnceUntilTheNextMonth() {
        var spent = json(admin("GET", "/api/admin/organisation", null)).path("spent_this_month_usd").decimalValue();
        var limit = spent.add(new java.math.BigDecimal("0.00003"));
        var changed = admin("PUT", "/api/admin/organisation", "{\"monthly_limit_usd\":" + limit.toPlainString() + "}");
        assertThat(json(changed).path("monthly_limit_usd").decimalValue()).isEqualByComparingTo(limit);
        var client = newClient("");
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "X-API-Key", client[1]));

        assertThat(count(responses, 200)).isEqualTo(3);
        assertThat(count(responses, 402)).isEqualTo(47);
        assertThat(responses.stream().filter(r -> r.statusCode() == 402).map(r -> error(r).path("code").asString()).distinct())
                .containsExactly("organisation_monthly_limit_exceeded");
        var shown = json(admin("GET", "/api/admin/organisation", null));
        assertThat(shown.path("spent_this_month_usd").decimalValue()).isEqualByComparingTo(limit);
        assertThat(shown.path("reserved_this_month_usd").decimalValue()).as("nothing left reserved").isZero();
        CLOCK.set(Instant.parse("2026-12-02T00:00:01Z"));
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).as("still refused the next day").isEqualTo(402);
        CLOCK.set(Instant.parse("2027-01-01T00:00:01Z"));
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDebitCreditsAtTheMultiplierOnceAndRefuseWhenTheyRunOut() {
        requireCredits();
        var user = newUser();
        assertThat(admin("PUT", "/api/admin/providers/openai", "{\"credit_multiplier\":2.5}").statusCode()).isEqualTo(200);
        try {
            var none = chat(MODEL, "Authorization", bearer(user));
            assertThat(none.statusCode()).isEqualTo(402);
            assertThat(error(none).path("code").asString()).isEqualTo("insufficient_credits");

            grant(user, "0.0001");
            OPENAI.willReplySlowly("Hi", 30);
            var responses = atOnce(50, () -> chat(MODEL, "Authorization", bearer(user)));

            assertThat(count(responses, 200)).as("$0.0001 of credits at 2.5 × $0.00001 a call").isEqualTo(4);
            assertThat(jdbc.sql("SELECT credits_nano_usd FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).list())
                    .containsOnly(25_000L).hasSize(4);
            assertThat(json(get("/api/users/me/credits", "Authorization", bearer(user))).path("balance_usd").decimalValue()).isZero();
            assertThat(json(get("/api/users/me", "Authorization", bearer(user))).path("credits_balance_usd").decimalValue()).isZero();
            assertThat(json(get("/api/users/me", "Authorization", bearer(user))).path("credits_granted_usd").decimalValue())
                    .isEqualByComparingTo("0.0001");
            assertThat(spending.creditsUsed(user.id())).isEqualTo(new Counters.Used(100_000, 0));
            assertTheLedgerListsEachDebit(user);
        } finally {
            admin("PUT", "/api/admin/providers/openai", "{\"credit_multiplier\":1}");
        }
    }

    @Test
    void shouldChargeNoCreditsForAUsersOwnKeyButRecordTheCall() {
        requireCredits();
        var user = newUser();
        assertThat(patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"sk-own-key-of-the-user-0123456789\"}", bearer(user))
                .statusCode()).isLessThan(300);

        assertThat(chat(MODEL, "Authorization", bearer(user)).statusCode()).isEqualTo(200);

        assertThat(jdbc.sql("SELECT credential_kind, credits_nano_usd, cost_nano_usd FROM usage_records WHERE user_id = ?").param(user.id())
                .query((rs, i) -> List.of(rs.getString(1), rs.getLong(2), rs.getLong(3))).single())
                .isEqualTo(List.of("user-key", 0L, CALL));
    }

    @Test
    void shouldServeManagedKeysOnlyWithASubscriptionOrAnUnexpiredTrial() {
        var terms = organisation.terms();
        organisation.change(new Organisation.Terms(terms.dailyLimitNanos(), terms.monthlyLimitNanos(), true, terms.requireCredits(), 0));
        var user = newUser();

        var refused = chat(MODEL, "Authorization", bearer(user));
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(error(refused).path("code").asString()).isEqualTo("subscription_required");
        assertThat(error(refused).path("message").asString()).contains("Subscription required");

        var trialEnd = START.plus(Duration.ofHours(1));
        assertThat(admin("PATCH", "/api/admin/users/" + user.id(), "{\"trial_until\":\"" + trialEnd + "\"}").statusCode()).isEqualTo(200);
        assertThat(chat(MODEL, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(2));
        var ended = chat(MODEL, "Authorization", bearer(user));
        assertThat(ended.statusCode()).isEqualTo(402);
        assertThat(error(ended).path("message").asString()).contains("trial ended at " + trialEnd);

        var subscribed = admin("PATCH", "/api/admin/users/" + user.id(), "{\"has_subscription\":true}");
        assertThat(json(subscribed).path("has_subscription").asBoolean()).isTrue();
        assertThat(chat(MODEL, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeepAUsersOwnKeyWorkingWithoutASubscription() {
        var terms = organisation.terms();
        organisation.change(new Organisation.Terms(terms.dailyLimitNanos(), terms.monthlyLimitNanos(), true, terms.requireCredits(), 0));
        var user = newUser();
        patchJson("/api/users/me/api-key", "{\"openai_api_key\":\"sk-own-key-of-the-user-0123456789\"}", bearer(user));

        assertThat(chat(MODEL, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldHoldTheOrganisationsDailyLimitAgainst50CallsAtOnceUntilTheNextDay() {
        var spent = json(admin("GET", "/api/admin/organisation", null)).path("spent_today_usd").decimalValue();
        var limit = spent.add(new java.math.BigDecimal("0.00003"));
        var changed = admin("PUT", "/api/admin/organisation", "{\"daily_limit_usd\":" + limit.toPlainString() + "}");
        assertThat(json(changed).path("daily_limit_usd").decimalValue()).isEqualByComparingTo(limit);
        var client = newClient("");
        OPENAI.willReplySlowly("Hi", 30);

        var responses = atOnce(50, () -> chat(MODEL, "X-API-Key", client[1]));

        assertThat(count(responses, 200)).isEqualTo(3);
        var refused = responses.stream().filter(r -> r.statusCode() == 402).findFirst().orElseThrow();
        assertThat(error(refused).path("code").asString()).isEqualTo("organisation_daily_limit_exceeded");
        var shown = json(admin("GET", "/api/admin/organisation", null));
        assertThat(shown.path("spent_today_usd").decimalValue()).isEqualByComparingTo(limit);
        assertThat(shown.path("reserved_today_usd").decimalValue()).isZero();
        CLOCK.set(Instant.parse("2026-12-02T00:00:01Z"));
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLeaveNoReservationBehindAfterACrash() {
        var client = newClient(",\"daily_budget_usd\":1");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        var budget = new Budget(Budget.Kind.CLIENT_DAILY, client[0], "test", "d:2026-12-01", 1_000_000_000, START.minusSeconds(3600), null);
        var counters = holder.current();
        assertThat(counters.reserve("in-flight", List.of(new Counters.Charge(budget, 999_000_000)))).isNull();
        assertThat(counters.used(budget)).isEqualTo(new Counters.Used(CALL, 999_000_000));

        var afterCrash = switch (counters) {
            case MemoryCounters memory -> new MemoryCounters(spentSince); // the next start reads the usage log again
            case LeasedCounters shared -> { // the instance's heartbeat expired: the next read drops what it held
                redis.strings().sync().del(redis.instanceKey(instances.id()));
                var used = shared.used(budget);
                redis.beat();
                assertThat(used).isEqualTo(new Counters.Used(CALL, 0));
                yield shared;
            }
            default -> { // the instance stopped beating: another one (or the next start) releases what it held
                jdbc.sql("UPDATE budget_instances SET seen_at = 0 WHERE id = ?").param(instances.id()).update();
                assertThat(instances.sweep()).isEqualTo(1);
                instances.beat();
                yield counters;
            }
        };

        assertThat(afterCrash.used(budget)).isEqualTo(new Counters.Used(CALL, 0));
    }

    /** The ledger shows the grant and each of the 4 calls' debits, newest first, paged. */
    private void assertTheLedgerListsEachDebit(TestUser user) {
        var ledger = json(get("/api/users/me/credits", "Authorization", bearer(user)));
        assertThat(ledger.path("entries").findValuesAsString("amount_usd")).hasSize(1);
        assertThat(ledger.path("total_debits").asLong()).isEqualTo(4);
        var debits = ledger.path("debits");
        assertThat(debits).hasSize(4);
        assertThat(debits.findValues("credits_usd")).allSatisfy(v -> assertThat(v.decimalValue()).isEqualByComparingTo("0.000025"));
        assertThat(debits.findValues("cost_usd")).allSatisfy(v -> assertThat(v.decimalValue()).isEqualByComparingTo("0.00001"));
        assertThat(debits.findValuesAsString("model")).containsOnly(MODEL);
        assertThat(debits.findValuesAsString("usage_record_id")).containsExactlyInAnyOrderElementsOf(jdbc.sql(
                "SELECT id FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).list());
        var times = debits.findValuesAsString("created_at").stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        var firstPage = json(get("/api/users/me/credits?limit=2", "Authorization", bearer(user))).path("debits").findValuesAsString("usage_record_id");
        var secondPage = json(get("/api/users/me/credits?limit=2&skip=2", "Authorization", bearer(user))).path("debits")
                .findValuesAsString("usage_record_id");
        assertThat(firstPage).hasSize(2).doesNotContainAnyElementsOf(secondPage);
        assertThat(java.util.stream.Stream.concat(firstPage.stream(), secondPage.stream()).toList())
                .isEqualTo(debits.findValuesAsString("usage_record_id"));
    }

    private void requireCredits() {
        var terms = organisation.terms();
        organisation.change(new Organisation.Terms(terms.dailyLimitNanos(), terms.monthlyLimitNanos(), terms.requireSubscription(), true,
                terms.newUserTrialDays()));
    }

    private void grant(TestUser user, String usd) {
        assertThat(admin("PATCH", "/api/admin/users/" + user.id(), "{\"credits_grant\":" + usd + "}").statusCode()).isEqualTo(200);
    }

    private java.net.http.HttpResponse<String> patchJson(String path, String json, String authorization) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path))).header("Authorization", authorization)
                .header("Content-Type", "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
