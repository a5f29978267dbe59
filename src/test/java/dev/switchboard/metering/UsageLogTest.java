package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The group-committed usage log on a real SQLite file. */
class UsageLogTest {

    private java.nio.file.Path file;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private final AtomicInteger commits = new AtomicInteger();
    private UsageLog log;

    @BeforeEach
    void open() throws Exception {
        file = Files.createTempFile("usage-log", ".db");
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new RollupsMigration(new Rollups(ZoneOffset.UTC))).load().migrate();
        jdbc = new JdbcTemplate(dataSource) {
            @Override
            public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
                if (sql.startsWith("INSERT INTO usage_records")) {
                    commits.incrementAndGet();
                }
                return super.batchUpdate(sql, batchArgs);
            }
        };
        log = new UsageLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new UsageProperties(512, Duration.ofSeconds(10), null, null, null, null),
                new UsageMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), new Rollups(ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        log.destroy();
        dataSource.destroy();
        for (var suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(java.nio.file.Path.of(file + suffix));
        }
    }

    @Test
    void shouldCommitEveryRecordOfManyConcurrentRequestsInFewerCommits() throws Exception {
        var futures = new ArrayList<CompletableFuture<Void>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < 2_000; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> log.record(record(7_800)), threads).thenCompose(f -> f));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records", Long.class)).isEqualTo(2_000);
        assertThat(jdbc.queryForObject("SELECT SUM(cost_nano_usd) FROM usage_records", Long.class)).isEqualTo(2_000L * 7_800);
        assertThat(commits.get()).isLessThan(2_000);
        for (var grain : new String[]{"h", "d", "m"}) {
            assertThat(jdbc.queryForObject("SELECT SUM(requests) FROM usage_rollups WHERE grain = ?", Long.class, grain)).isEqualTo(2_000);
            assertThat(jdbc.queryForObject("SELECT SUM(cost_nano_usd) FROM usage_rollups WHERE grain = ?", Long.class, grain))
                    .isEqualTo(2_000L * 7_800);
        }
    }

    @Test
    void shouldHaveTheRecordCommittedWhenRecordAndWaitReturns() {
        var record = record(42);

        log.recordAndWait(record);

        assertThat(jdbc.queryForObject("SELECT cost_nano_usd FROM usage_records WHERE id = ?", Long.class, record.id())).isEqualTo(42);
    }

    @Test
    void shouldWriteOutQueuedRecordsOnShutdown() throws Exception {
        for (var i = 0; i < 300; i++) {
            log.record(record(1));
        }

        log.destroy();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records", Long.class)).isEqualTo(300);
        assertThat(jdbc.queryForObject("SELECT SUM(requests) FROM usage_rollups WHERE grain = 'd'", Long.class)).isEqualTo(300);
    }

    private static UsageRecord record(long costNanos) {
        return new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(),
                new UsageRecord.Call("req_test", "chat.completions", false, "u1", "k1", null),
                new UsageRecord.ServedBy("openai", "gpt-4o-mini", "gpt-4o-mini", "env", "OPENAI_API_KEY"),
                new UsageRecord.Result(Outcome.OK, 200, null, new Usage(12, 10, 0), Money.ofNanos(costNanos), 5));
    }
}
