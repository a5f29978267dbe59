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
        register(registry, base());
    }

    /** The same, with the application reaching the server through the proxy (made with {@link #port()} as its target). */
    public static void register(DynamicPropertyRegistry registry, TcpProxy proxy) {
        register(registry, base().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
    }

    /** The server's port (5432 unless {@code SWITCHBOARD_TEST_PG_URL} says otherwise). */
    public static int port() {
        var matcher = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(base());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 5432;
    }

    private static String base() {
        return env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard_test");
    }

    private static void register(DynamicPropertyRegistry registry, String base) {
        var schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
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
