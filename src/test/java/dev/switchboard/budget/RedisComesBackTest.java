package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.switchboard.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One instance with Redis, reached through a proxy the test cuts and restores: while Redis is gone the budget is
 * enforced here, and once the probe ({@code switchboard.redis.retry-period}, 200ms here) hears Redis again the instance
 * goes back to it, what it served meanwhile added to Redis's counter so that nothing is forgotten or counted twice; each switch is
 * logged once. And a tokens-per-minute limit in Redis counts the real tokens of each call.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisComesBackTest extends BudgetTestSupport {

    static final TcpProxy REDIS = new TcpProxy(6379);
    static final String PREFIX = "switchboard-test-" + UUID.randomUUID() + ":";
    /** Redis itself, not through the proxy: what it holds, whether the instance reaches it or not. */
    static final io.lettuce.core.RedisClient DIRECT = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
    static final io.lettuce.core.api.StatefulRedisConnection<String, String> DIRECT_CONNECTION = DIRECT.connect();

    @Autowired
    RedisLink redis;
    @Autowired
    CountersHolder holder;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("switchboard.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
        registry.add("switchboard.redis.prefix", () -> PREFIX);
        registry.add("switchboard.redis.timeout", () -> "1s");
        registry.add("switchboard.redis.retry-period", () -> "200ms");
    }

    @AfterAll
    static void closeTheProxy() {
        REDIS.close();
        DIRECT_CONNECTION.close();
        DIRECT.shutdown();
    }

    @Test
    void shouldGoBackToRedisWhenItAnswersAgainCountingWhatWasServedMeanwhile(CapturedOutput output) {
        assertThat(redis.up()).isTrue();
        var client = newClient(",\"daily_budget_usd\":0.00005"); // 5 calls
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        // the settlement is sent without waiting for Redis's answer: let it land before the cut, so the count below is
        // the first call's alone (a settlement the cut swallows is replayed: shouldSettleInRedisOnceItAnswersASettlementItDidNotTake)
        waitFor(() -> spentInRedis(client[0]) == CALL, "the first call's settlement reached Redis");

        REDIS.cut();
        waitFor(() -> !redis.strings().isOpen(), "Lettuce saw the connection cut");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        assertThat(redis.up()).as("the instance enforces through its own counters now").isFalse();
        assertThat(spentInRedis(client[0])).as("Redis never heard of the calls served without it").isEqualTo(CALL);

        REDIS.restore();
        waitFor(redis::up, "the probe heard Redis again");
        var fourth = chat(MODEL, "X-API-Key", client[1]);
        assertThat(fourth.statusCode()).isEqualTo(200);
        assertThat(spentInRedisSeenHere(client[0])).as("what was served meanwhile added, then the fourth call").isEqualTo(4 * CALL);
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        var sixth = chat(MODEL, "X-API-Key", client[1]);
        assertThat(sixth.statusCode()).isEqualTo(402);
        assertThat(error(sixth).path("code").asString()).isEqualTo("client_daily_budget_exceeded");
        assertThat(output.getAll().split("Redis failed", -1)).as("the loss logged once").hasSize(2);
        assertThat(output.getAll().split("Redis answers again", -1)).as("the return logged once").hasSize(2);
    }

    @Test
    void shouldCountTheRealTokensOfEachCallInRedisTokensPerMinute() {
        waitFor(redis::up, "Redis serves");
        var created = postJson("/api/users/me/gateway-keys", "{\"name\":\"tpm\",\"tpm_limit\":1000}", "Authorization", bearer(newUser()));
        var key = json(created).path("key").asString();
        var body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":600,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        var first = postJson("/v1/chat/completions", body, "Authorization", "Bearer " + key);
        var second = postJson("/v1/chat/completions", body, "Authorization", "Bearer " + key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).as("without the correction the first call's worst case leaves too little").isEqualTo(200);
        var real = json(first).path("usage").path("prompt_tokens").asLong() + json(first).path("usage").path("completion_tokens").asLong();
        assertThat(remainingTokens(second)).isEqualTo(remainingTokens(first) - real);
        assertThat(DIRECT_CONNECTION.sync().keys(PREFIX + "rate:*")).as("the bucket lives in Redis").isNotEmpty();
    }

    @Test
    void shouldCountACallInFlightOnceWhenRedisComesBackAfterItsRecordWasWritten() {
        waitFor(redis::up, "Redis serves");
        var client = newClient(",\"daily_budget_usd\":1");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        var charges = List.of(new Counters.Charge(budgetOf(client[0]), CALL));
        var inFlight = holder.reserve("in-flight", charges); // a call in flight, reserved in Redis,
        recordCall(client[0]); // whose usage record is written; its settlement is still to come

        REDIS.cut();
        waitFor(() -> !redis.strings().isOpen(), "Lettuce saw the connection cut");
        holder.used(budgetOf(client[0])); // finds Redis gone (a call could still be served from this instance's lease, which needs no Redis)
        assertThat(redis.up()).isFalse();
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).as("served through the fallback").isEqualTo(200);
        REDIS.restore();
        waitFor(redis::up, "the probe heard Redis again");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        holder.settle(inFlight.counters(), "in-flight", charges, new long[]{CALL});

        assertThat(holder.used(budgetOf(client[0]))).as("4 calls, each once (raised to the log it would count the call in flight twice)")
                .isEqualTo(new Counters.Used(4 * CALL, 0));
    }

    @Test
    void shouldSettleInRedisOnceItAnswersASettlementItDidNotTake() {
        waitFor(redis::up, "Redis serves");
        var client = newClient(",\"daily_budget_usd\":1");
        assertThat(chat(MODEL, "X-API-Key", client[1]).statusCode()).isEqualTo(200);
        var charges = List.of(new Counters.Charge(budgetOf(client[0]), 5 * CALL));
        var taken = holder.reserve("cut-off", charges);
        recordCall(client[0]);

        REDIS.cut();
        waitFor(() -> !redis.strings().isOpen(), "Lettuce saw the connection cut");
        holder.settle(taken.counters(), "cut-off", charges, new long[]{CALL}); // Redis never hears it
        waitFor(() -> !redis.up(), "the settlement's failure reached the instance"); // it is not waited for
        REDIS.restore();
        waitFor(redis::up, "the probe heard Redis again");

        assertThat(holder.used(budgetOf(client[0]))).as("settled once Redis answered: spent, and nothing left reserved")
                .isEqualTo(new Counters.Used(2 * CALL, 0));
    }

    private static Budget budgetOf(String clientId) {
        return new Budget(Budget.Kind.CLIENT_DAILY, clientId, "test", "d:2026-12-01", 1_000_000_000, START.minusSeconds(3600), null);
    }

    /** A call's usage record (written before its settlement, as the pipeline does). */
    private void recordCall(String clientId) {
        jdbc.sql("""
                INSERT INTO usage_records (id, created_at, endpoint, client_id, provider_id, model, upstream_model, credential_kind, status,
                    http_status, streamed, input_tokens, output_tokens, cached_tokens, cost_nano_usd, latency_ms)
                VALUES (?, ?, 'chat', ?, 'openai', ?, 'gpt-budget', 'env', 'ok', 200, FALSE, 0, 10, 0, ?, 1)""")
                .params(UUID.randomUUID().toString(), START.toEpochMilli(), clientId, MODEL, CALL).update();
    }

    /**
     * Read on the instance's own connection: a settlement is not waited for, so only the commands that follow it there
     * are sure to see it (a read on another connection may come first, and find the call's worst case still reserved).
     */
    private long spentInRedisSeenHere(String clientId) {
        return Long.parseLong(redis.strings().sync().hget(redis.key("budget:client:" + clientId + ":d:2026-12-01"), "spent"));
    }

    private long spentInRedis(String clientId) {
        return Long.parseLong(DIRECT_CONNECTION.sync().hget(redis.key("budget:client:" + clientId + ":d:2026-12-01"), "spent"));
    }

    private static long remainingTokens(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
    }

    /** Waits (at most 20s, polling) for something the instance does on its own schedule. */
    private static void waitFor(BooleanSupplier condition, String what) {
        for (var i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}

