package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write-ahead log is checkpointed beside the usage writer, and still kept small: the usage log on the application's
 * own SQLite URL ({@code wal_autocheckpoint=0}) and a pool, as in production, with writers that never let its queue run
 * empty. Which thread ran each checkpoint is seen on the connections (a recording proxy), the log's size on disk.
 */
class WalCheckpointsTest {

    private static final int EVERY = 200;
    /** Never reached while writing: no checkpoint but the writer's when it idles at the end. */
    private static final int NEVER = Integer.MAX_VALUE / 8;

    @Test
    void shouldCopyTheLogOnItsOwnThreadWhileOneClientWaitsForEachRecord() throws Exception {
        var run = new Run(EVERY, 4_000, true).write();
        var unchecked = new Run(NEVER, 4_000, true).write();

        var copied = run.pagesCopiedByThread();
        assertThat(copied).as("pages copied by thread while writing").containsKeys("wal-checkpoint", "usage-writer");
        assertThat(copied.get("usage-writer")).as("pages the writer copied itself, of %s", copied)
                .isLessThan((copied.get("usage-writer") + copied.get("wal-checkpoint")) / 10);
        assertSmall(run, unchecked);
    }

    @Test
    void shouldKeepTheLogSmallWhenTheWritersQueueNeverRunsEmpty() throws Exception {
        assertSmall(new Run(EVERY, 20_000, false).write(), new Run(NEVER, 20_000, false).write());
    }

    /** The log started again from its beginning, many times: its file (which never shrinks) stayed small. */
    private static void assertSmall(Run run, Run unchecked) {
        assertThat(unchecked.largestLog()).as("the log without checkpoints").isGreaterThan(16L << 20);
        assertThat(run.largestLog()).as("the log's largest size, against %d bytes without checkpoints", unchecked.largestLog())
                .isLessThan(unchecked.largestLog() / 4);
    }

    /** One usage log on a fresh database file, written to at full speed by six writers. */
    private static final class Run {

        private final int every;
        private final int records;
        private final boolean oneByOne;
        private final List<Checkpoint> checkpoints = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<Long> lastLog = ThreadLocal.withInitial(() -> 0L);
        private volatile boolean writing = true;
        private volatile long largestLog;

        /** {@code oneByOne}: each record waited for before the next, as one client; else all queued at once, 8 a commit. */
        Run(int every, int records, boolean oneByOne) {
            this.every = every;
            this.records = records;
            this.oneByOne = oneByOne;
        }

        Run write() throws Exception {
            var dir = Files.createTempDirectory("wal-checkpoints");
            var pool = new HikariDataSource();
            pool.setJdbcUrl(applicationUrl(dir));
            pool.setMaximumPoolSize(4);
            var dataSource = recording(pool);
            var rollups = new Rollups(ZoneOffset.UTC);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").javaMigrations(new RollupsMigration(rollups)).load().migrate();
            var log = new UsageLog(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new UsageProperties(8, Duration.ofSeconds(10), null, null, null, every), new UsageMetrics(new SimpleMeterRegistry()), rollups);
            var walFile = dir.resolve("switchboard.db-wal");
            var sampler = Thread.ofVirtual().start(() -> {
                while (writing) {
                    largestLog = Math.max(largestLog, walFile.toFile().length());
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            });
            try {
                var written = new ArrayList<CompletableFuture<Void>>();
                for (var i = 0; i < records; i++) {
                    written.add(log.record(record()));
                    if (oneByOne) {
                        written.getLast().get();
                    }
                }
                CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get();
            } finally {
                writing = false; // the writer's own checkpoint once it idles is not what this counts
                sampler.join();
                log.destroy();
                pool.close();
            }
            return this;
        }

        /**
         * The pages each thread's checkpoints copied: what a checkpoint reports copied, less what the one before it had
         * (unless the log started again in between: then all it reports).
         */
        Map<String, Long> pagesCopiedByThread() {
            var copied = new java.util.TreeMap<String, Long>();
            Checkpoint before = null;
            for (var checkpoint : checkpoints) {
                var sameLog = before != null && checkpoint.log() >= before.log() && checkpoint.copied() >= before.copied();
                copied.merge(checkpoint.thread(), checkpoint.copied() - (sameLog ? before.copied() : 0), Long::sum);
                before = checkpoint;
            }
            return copied;
        }

        long largestLog() {
            return largestLog;
        }

        /** A data source whose statements note what every {@code wal_checkpoint} reported, and on which thread. */
        private DataSource recording(HikariDataSource pool) {
            return proxy(DataSource.class, pool, (connection, method, args) -> !method.getName().equals("getConnection") ? null
                    : proxy(Connection.class, (Connection) connection, (statement, m, a) -> !m.getName().equals("createStatement") ? null
                    : proxy(Statement.class, (Statement) statement, (result, sm, sa) -> sa == null || !String.valueOf(sa[0]).contains("wal_checkpoint")
                    ? null : proxy(java.sql.ResultSet.class, (java.sql.ResultSet) result, this::noted))));
        }

        /** Notes the checkpoint's row as the code under test reads it: columns 2 and 3 are the log's pages and the copied. */
        private Object noted(Object value, java.lang.reflect.Method method, Object[] args) {
            if (writing && method.getName().equals("getLong") && Integer.valueOf(3).equals(args[0])) {
                checkpoints.add(new Checkpoint(Thread.currentThread().getName(), lastLog.get(), (Long) value));
            } else if (method.getName().equals("getLong") && Integer.valueOf(2).equals(args[0])) {
                lastLog.set((Long) value);
            }
            return null;
        }
    }

    private record Checkpoint(String thread, long log, long copied) {
    }

    /** Calls the target; a non-null answer of {@code around} (given the target's own result) replaces that result. */
    private interface Around {
        Object apply(Object result, java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    private static InvocationHandler forwarding(Object target, Around around) {
        return (proxy, method, args) -> {
            try {
                var result = method.invoke(target, args);
                var replaced = around.apply(result, method, args);
                return replaced != null ? replaced : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    private static <T> T proxy(Class<T> type, T target, Around around) {
        return type.cast(Proxy.newProxyInstance(WalCheckpointsTest.class.getClassLoader(), new Class<?>[]{type}, forwarding(target, around)));
    }

    private static String applicationUrl(Path dir) {
        return new YamlPropertiesFactoryBean() {{
            setResources(new ClassPathResource("application.yml"));
        }}.getObject().getProperty("spring.datasource.url").replace("${switchboard.data-dir}", dir.toString());
    }

    private static UsageRecord record() {
        return new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(),
                new UsageRecord.Call("req_wal", "chat.completions", false, "u1", "k1", null),
                new UsageRecord.ServedBy("openai", "gpt-4o-mini", "gpt-4o-mini", "env", "OPENAI_API_KEY"),
                new UsageRecord.Result(Outcome.OK, 200, null, new Usage(12, 10, 0), Money.ofNanos(1_000), 5));
    }
}
