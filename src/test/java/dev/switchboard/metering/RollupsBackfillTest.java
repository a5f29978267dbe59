package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database that already holds usage records when V12 arrives: the migration builds their rollups, with billing days
 * in the configured zone (Nepal's +05:45 here), so reports and pool totals cover the history from the first start on.
 * On a SQLite file and on a fresh PostgreSQL schema.
 */
class RollupsBackfillTest {

    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void shouldRollUpTheRecordsAlreadyThere(String database) throws Exception {
        var schema = database.equals("postgres") ? "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) : null;
        var dataSource = dataSource(schema);
        flyway(dataSource, schema, "9").migrate();
        var jdbc = new JdbcTemplate(dataSource);
        var expectedByDay = new TreeMap<LocalDate, Long>();
        var random = new Random(7);
        var start = Instant.parse("2026-01-30T00:00:00Z").toEpochMilli();
        var total = 0L;
        for (var i = 0; i < 400; i++) {
            var at = start + (long) (random.nextDouble() * 5 * 86_400_000L);
            var cost = random.nextLong(1_000_000_000L);
            total += cost;
            expectedByDay.merge(LocalDate.ofInstant(Instant.ofEpochMilli(at), KATHMANDU), cost, Long::sum);
            insert(jdbc, at, cost, i % 3 == 0 ? "pk-" + (i % 2) : null, i % 4 == 0 ? "client-a" : null);
        }

        flyway(dataSource, schema, null).migrate();

        for (var grain : new String[]{"h", "d", "m"}) {
            assertThat(jdbc.queryForObject("SELECT SUM(cost_nano_usd) FROM usage_rollups WHERE grain = ?", Long.class, grain))
                    .as(grain).isEqualTo(total);
            assertThat(jdbc.queryForObject("SELECT SUM(requests) FROM usage_rollups WHERE grain = ?", Long.class, grain))
                    .as(grain).isEqualTo(400);
        }
        var byDay = new TreeMap<LocalDate, Long>();
        jdbc.query("SELECT bucket, SUM(cost_nano_usd) AS cost FROM usage_rollups WHERE grain = 'd' GROUP BY bucket",
                rs -> {
                    byDay.put(LocalDate.ofInstant(Instant.ofEpochMilli(rs.getLong("bucket")), KATHMANDU), rs.getLong("cost"));
                });
        assertThat(byDay).isEqualTo(expectedByDay);
        assertThat(jdbc.queryForObject("SELECT SUM(requests) FROM usage_rollups WHERE grain = 'm' AND client_id = 'client-a'",
                Long.class)).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT bucket) FROM usage_rollups WHERE grain = 'm'", Long.class))
                .isEqualTo(2);
        if (schema != null) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        ((SingleConnectionDataSource) dataSource).destroy();
    }

    private static void insert(JdbcTemplate jdbc, long at, long cost, String poolKey, String client) {
        jdbc.update("""
                INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model,
                    credential_kind, credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens,
                    cost_nano_usd, latency_ms, error_type, request_id, client_id)
                VALUES (?, ?, 'chat.completions', 'u1', NULL, 'openai', 'gpt-4o', 'gpt-4o', ?, ?, 'ok', 200, FALSE, 10, 5, 0, ?, 3, NULL, NULL, ?)""",
                UUID.randomUUID().toString(), at, poolKey == null ? "env" : "pool", poolKey == null ? "OPENAI_API_KEY" : poolKey, cost, client);
    }

    private static Flyway flyway(DataSource dataSource, String schema, String target) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new RollupsMigration(new Rollups(KATHMANDU)));
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static DataSource dataSource(String schema) throws Exception {
        if (schema == null) {
            Path file = Files.createTempFile("rollups-backfill", ".db");
            file.toFile().deleteOnExit();
            return new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        }
        var url = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/switchboard_test");
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new SingleConnectionDataSource(url, env("SWITCHBOARD_TEST_PG_USER", "switchboard"), env("SWITCHBOARD_TEST_PG_PASSWORD", "switchboard"),
                true);
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
