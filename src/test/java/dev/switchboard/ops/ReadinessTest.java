package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.PostgresDatabase;
import dev.switchboard.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /health/ready} on PostgreSQL and Redis, each reached through a proxy that a test cuts: 200 with every check up;
 * 503 naming the database, Redis, or the usage queue (backed up behind a table lock that holds the usage writer's
 * inserts) while that one fails, and 200 again once it is back. {@code /health} (liveness) stays 200 throughout.
 */
class ReadinessTest extends GatewayTestSupport {

    static final TcpProxy POSTGRES = new TcpProxy(PostgresDatabase.port());
    static final TcpProxy REDIS = new TcpProxy(6379);

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @DynamicPropertySource
    static void throughProxies(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, POSTGRES);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("spring.datasource.hikari.validation-timeout", () -> "500");
        registry.add("switchboard.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
        registry.add("switchboard.redis.prefix", () -> "switchboard-test-" + UUID.randomUUID() + ":");
        registry.add("switchboard.redis.timeout", () -> "500ms");
        registry.add("switchboard.redis.retry-period", () -> "1s");
        registry.add("switchboard.usage.ready-max-queued", () -> "3");
        registry.add("switchboard.usage.max-wait", () -> "100ms");
    }

    @AfterAll
    static void closeProxies() {
        POSTGRES.close();
        REDIS.close();
    }

    @Test
    void shouldBeReadyWithEveryCheckUp() {
        var ready = get("/health/ready");

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        var body = json(ready);
        assertThat(body.path("status").asString()).isEqualTo("ready");
        assertThat(body.has("failing")).isFalse();
        for (var check : new String[] {"database", "redis", "usage_queue"}) {
            assertThat(body.path("checks").path(check).path("status").asString()).as(check).isEqualTo("up");
        }
    }

    @Test
    void shouldNameRedisWhileItIsAway() throws Exception {
        REDIS.cut();
        try {
            var body = awaitReady(503, b -> b.path("failing").toString().contains("redis"));
            assertThat(body.path("failing").toString()).isEqualTo("[\"redis\"]");
            assertThat(body.path("checks").path("database").path("status").asString()).isEqualTo("up");
            assertThat(get("/health").statusCode()).isEqualTo(200);
        } finally {
            REDIS.restore();
        }
        awaitReady(200, b -> true);
    }

    @Test
    void shouldNameTheDatabaseWhileItIsAway() throws Exception {
        POSTGRES.cut();
        try {
            var body = awaitReady(503, b -> b.path("failing").toString().contains("database"));
            assertThat(body.path("status").asString()).isEqualTo("not_ready");
            assertThat(body.path("checks").path("database").path("status").asString()).isEqualTo("down");
            assertThat(body.path("checks").path("redis").path("status").asString()).isEqualTo("up");
            assertThat(get("/health").statusCode()).isEqualTo(200);
        } finally {
            POSTGRES.restore();
        }
        awaitReady(200, b -> true);
    }

    @Test
    void shouldNameTheUsageQueueWhileItBacksUp() throws Exception {
        var user = newUser();
        try (var lock = DriverManager.getConnection(databaseUrl, "switchboard", "switchboard")) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE usage_records IN SHARE MODE"); // reads go on; the writer's INSERT waits
            // one after another: the writer takes the first and waits on the lock; the others queue behind it
            for (var i = 0; i < 6; i++) {
                var call = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "Authorization", bearer(user));
                assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            }

            var body = awaitReady(503, b -> b.path("failing").toString().contains("usage_queue"));
            assertThat(body.path("failing").toString()).isEqualTo("[\"usage_queue\"]");
            assertThat(body.path("checks").path("usage_queue").path("detail").asString()).contains("records waiting");
            assertThat(body.path("checks").path("database").path("status").asString()).isEqualTo("up");
            lock.rollback();
        }
        awaitReady(200, b -> true);
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recordsOf(user) < 6 && System.nanoTime() < deadline) {
            Thread.sleep(100); // ready again once fewer than 3 wait; the last batch may still be committing
        }
        assertThat(recordsOf(user)).as("every queued record committed once the lock is gone").isEqualTo(6);
    }

    private long recordsOf(TestUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single();
    }

    /** The readiness answer once it has this status and satisfies the condition (polled for at most 30 seconds). */
    private JsonNode awaitReady(int status, Predicate<JsonNode> condition) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            var response = get("/health/ready");
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == status && condition.test(json(response))) {
                return json(response);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/health/ready never answered " + status + " as expected; last: " + last);
    }
}
