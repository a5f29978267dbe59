package dev.switchboard.testing;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL that {@code .ci/services} starts on 127.0.0.1:5432, one fresh schema per application context.
 * {@code SWITCHBOARD_TEST_PG_URL}, {@code _USER} and {@code _PASSWORD} point the tests elsewhere.
 */
public final class PostgresDatabase {

    private PostgresDatabase() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        var schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var base = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard_test");
        registry.add("spring.datasource.url", () -> base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> env("SWITCHBOARD_TEST_PG_USER", "switchboard"));
        registry.add("spring.datasource.password", () -> env("SWITCHBOARD_TEST_PG_PASSWORD", "switchboard"));
        registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
        // cached test contexts keep no idle connections: many contexts (and parallel runs) share one server's slots
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
