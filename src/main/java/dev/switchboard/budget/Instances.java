package dev.switchboard.budget;

import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance among those sharing the database: it beats every few seconds ({@code budget_instances}), and releases
 * the database reservations of instances that stopped beating for {@link #DEAD_AFTER_MILLIS} (they crashed or were
 * killed) or that passed their deadline, giving their amounts back to their counters. A restarted instance is a new
 * one, so a crash's reservations are released by whichever instance sweeps next, at the latest at the next start.
 */
@Component
class Instances {

    static final long DEAD_AFTER_MILLIS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(Instances.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String id = UUID.randomUUID().toString();
    private final boolean shared;

    Instances(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.shared = isPostgres(dataSource);
        beat();
        sweep();
    }

    String id() {
        return id;
    }

    /** Whether several instances may share this database (PostgreSQL); the embedded SQLite serves one, which never beats. */
    boolean shared() {
        return shared;
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void beat() {
        if (!shared) {
            return;
        }
        var now = System.currentTimeMillis();
        if (jdbc.sql("UPDATE budget_instances SET seen_at = ? WHERE id = ?").params(now, id).update() == 0) {
            jdbc.sql("INSERT INTO budget_instances (id, seen_at) VALUES (?, ?)").params(id, now).update();
        }
    }

    /** Releases the reservations of dead instances and past their deadline; answers how many it released. */
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    int sweep() {
        if (!shared) {
            return 0;
        }
        var now = System.currentTimeMillis();
        var stale = jdbc.sql("""
                SELECT r.id, r.counter_key, r.amount_nano FROM budget_reservations r LEFT JOIN budget_instances i ON i.id = r.instance_id
                WHERE r.deadline < ? OR i.id IS NULL OR i.seen_at < ?""")
                .params(now, now - DEAD_AFTER_MILLIS)
                .query((rs, i) -> new Stale(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
        stale.forEach(this::release);
        jdbc.sql("DELETE FROM budget_instances WHERE seen_at < ?").param(now - 10 * DEAD_AFTER_MILLIS).update();
        if (!stale.isEmpty()) {
            log.warn("Released {} budget reservations left by instances that stopped or calls past their deadline", stale.size());
        }
        return stale.size();
    }

    private void release(Stale stale) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("DELETE FROM budget_reservations WHERE id = ? AND counter_key = ?").params(stale.id(), stale.key()).update() > 0) {
                jdbc.sql("UPDATE budget_counters SET reserved_nano = CASE WHEN reserved_nano > ? THEN reserved_nano - ? ELSE 0 END "
                        + "WHERE counter_key = ?").params(stale.amount(), stale.amount(), stale.key()).update();
            }
        });
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    private record Stale(String id, String key, long amount) {
    }
}
