package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writer's own WAL checkpoints lose nothing when the process dies: a child JVM writes usage records through the real
 * {@link UsageLog} on the application's own SQLite URL ({@code wal_autocheckpoint=0}, the writer checkpointing between
 * commits, here every 10 commits so that many checkpoints run), printing each record's id once its commit is
 * acknowledged; the test kills it with SIGKILL in mid-run, reopens the database and finds every acknowledged record. The
 * database file alone (without its log) holds records too, so checkpoints did run before the kill.
 */
class UsageLogKillTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 3_000;

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenTheWritingProcessIsKilled() throws Exception {
        var dir = Files.createTempDirectory("usage-kill");
        var acknowledged = ConcurrentHashMap.<String>newKeySet();
        var child = new ProcessBuilder(javaCommand(dir)).redirectError(dir.resolve("child.log").toFile()).start();
        var reader = Thread.ofPlatform().start(() -> readIds(child, acknowledged));
        for (var i = 0; i < 1_200 && acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && child.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertThat(acknowledged.size()).as("records acknowledged before the kill (see %s)", dir.resolve("child.log"))
                .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor()).isZero();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        reader.join(10_000);

        var database = dir.resolve("switchboard.db");
        assertThat(ids(copyWithoutLog(database))).as("records checkpointed into the database file").isNotEmpty();
        assertThat(ids(database)).containsAll(acknowledged);
    }

    private static List<String> javaCommand(Path dir) {
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString());
    }

    private static void readIds(Process child, Set<String> acknowledged) {
        try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (var line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.length() == 36) {
                    acknowledged.add(line);
                }
            }
        } catch (java.io.IOException e) {
            // the child is gone: what it printed before is all there is
        }
    }

    private static Path copyWithoutLog(Path database) throws java.io.IOException {
        var copy = database.resolveSibling("copy-" + UUID.randomUUID() + ".db");
        Files.copy(database, copy);
        return copy;
    }

    private static Set<String> ids(Path database) {
        var dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + database, true);
        try {
            return new HashSet<>(new JdbcTemplate(dataSource).queryForList("SELECT id FROM usage_records", String.class));
        } finally {
            dataSource.destroy();
        }
    }

    /** The child process: writes records from several threads until it is killed, printing each acknowledged id. */
    static final class Writer {

        public static void main(String[] args) throws Exception {
            var url = new YamlPropertiesFactoryBean() {{
                setResources(new ClassPathResource("application.yml"));
            }}.getObject().getProperty("spring.datasource.url").replace("${switchboard.data-dir}", args[0]);
            var dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setMaximumPoolSize(8);
            var rollups = new Rollups(ZoneOffset.UTC);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .javaMigrations(new RollupsMigration(rollups)).load().migrate();
            var log = new UsageLog(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new UsageProperties(512, Duration.ofSeconds(10), null, null, null, 10), new UsageMetrics(new SimpleMeterRegistry()), rollups);
            var threads = Executors.newVirtualThreadPerTaskExecutor();
            var writers = new ArrayList<java.util.concurrent.Future<?>>();
            for (var i = 0; i < 6; i++) {
                var paced = i < 2; // two pace themselves, so the writer's queue runs empty too
                writers.add(threads.submit(() -> write(log, paced)));
            }
            for (var writer : writers) {
                writer.get();
            }
        }

        private static Void write(UsageLog log, boolean paced) throws Exception {
            while (true) {
                var record = new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(),
                        new UsageRecord.Call("req_kill", "chat.completions", false, "u1", "k1", null),
                        new UsageRecord.ServedBy("openai", "gpt-4o-mini", "gpt-4o-mini", "env", "OPENAI_API_KEY"),
                        new UsageRecord.Result(Outcome.OK, 200, null, new Usage(12, 10, 0), Money.ofNanos(1_000), 5));
                log.record(record).get(); // completes only once committed, and throws if it was not
                synchronized (System.out) {
                    System.out.println(record.id());
                    System.out.flush();
                }
                if (paced) {
                    Thread.sleep(1);
                }
            }
        }
    }
}
