package dev.switchboard.budget;

import dev.switchboard.testing.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The spending contract on PostgreSQL with Redis holding the counters and rate limits (a key prefix of its own). */
class SpendingOnRedisTest extends SpendingContract {

    @DynamicPropertySource
    static void postgresAndRedis(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry);
        registry.add("switchboard.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("switchboard.redis.prefix", () -> "switchboard-test-" + java.util.UUID.randomUUID() + ":");
    }
}
