package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The usage log while the database is away (its commits fail): requests stop waiting for their records, which queue in
 * memory up to a bound, the log says it is degraded, and every queued record is written once the database is back.
 */
class UsageLogOutageTest {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean answerLost = new AtomicBoolean();
    private Path file;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private UsageLog log;

    @BeforeEach
    void open() throws Exception {
        file = Files.createTempFile("usage-outage", ".db");
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file + "?journal_mode=WAL", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new RollupsMigration(new Rollups(java.time.ZoneOffset.UTC))).load().migrate();
        jdbc = new JdbcTemplate(dataSource) {
            @Override
            public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
                if (down.get()) {
                    throw new DataAccessResourceFailureException("the database is away (simulated)");
                }
                return super.batchUpdate(sql, batchArgs);
            }
        };
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource)) {
            @Override
            public void executeWithoutResult(java.util.function.Consumer<org.springframework.transaction.TransactionStatus> action) {
                super.executeWithoutResult(action);
                if (answerLost.getAndSet(false)) {
                    throw new DataAccessResourceFailureException("the connection broke before the commit's answer (simulated)");
                }
            }
        };
        log = new UsageLog(jdbc, transactions,
                new UsageProperties(512, Duration.ofMillis(300), 50, null, null, null), new UsageMetrics(new SimpleMeterRegistry()),
                new Rollups(java.time.ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        down.set(false);
        log.destroy();
        dataSource.destroy();
        for (var suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    @Test
    void shouldQueueWhileTheDatabaseIsAwayAndWriteEverythingWhenItIsBack() throws Exception {
        down.set(true);
        log.recordAndWait(record());
        assertThat(log.failing()).isTrue();
        assertThat(new UsageLogHealth(log).degraded()).hasValueSatisfying(why -> assertThat(why).contains("queued"));

        for (var i = 0; i < 20; i++) {
            log.recordAndWait(record()); // returns at once: nothing to wait for while the database is away
        }
        assertThat(count()).isZero();
        assertThat(log.queued()).isBetween(19, 21);

        down.set(false);
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count() < 21 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(count()).isEqualTo(21);
        assertThat(log.failing()).isFalse();
        assertThat(new UsageLogHealth(log).degraded()).isEmpty();
    }

    @Test
    void shouldWriteARecordOnceWhenTheConnectionBrokeAfterItsCommit() throws Exception {
        answerLost.set(true);
        var record = record();
        log.recordAndWait(record);
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((log.queued() > 0 || log.failing()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        log.recordAndWait(record()); // the writer goes on after the uncertain batch

        assertThat(answerLost.get()).isFalse();
        assertThat(count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE id = ?", Long.class, record.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT SUM(requests) FROM usage_rollups WHERE grain = 'd'", Long.class)).isEqualTo(2);
    }

    @Test
    void shouldBoundTheQueueAndRefuseARecordBeyondIt() throws Exception {
        down.set(true);
        log.recordAndWait(record());
        for (var i = 0; i < 60; i++) {
            log.record(record());
        }

        assertThat(log.queued()).isLessThanOrEqualTo(50);
        var beyond = log.record(record());
        assertThat(beyond).isCompletedExceptionally();
    }

    private long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM usage_records", Long.class);
    }

    private static UsageRecord record() {
        return new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(),
                new UsageRecord.Call("req_outage", "chat.completions", false, "u1", "k1", null),
                new UsageRecord.ServedBy("openai", "gpt-4o-mini", "gpt-4o-mini", "env", "OPENAI_API_KEY"),
                new UsageRecord.Result(Outcome.OK, 200, null, new Usage(12, 10, 0), Money.ofNanos(1), 5));
    }
}
