package dev.switchboard.metering;

import java.time.Duration;

import dev.switchboard.money.BillingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Prunes raw usage records older than {@code SWITCHBOARD_USAGE_RETENTION_DAYS} (90 by default), in the background; the
 * rollups keep their history, so every report and every pool key's total is the same before and after. Each transaction
 * deletes at most {@code switchboard.usage.prune-batch} records and the pruner pauses between them, so the usage writer
 * (which SQLite lets only one transaction at a time) never waits longer than one small delete. The cut-off is a whole
 * UTC hour: an hour's records are either all kept or all gone.
 */
@Service
public class UsageRetention {

    private static final Logger log = LoggerFactory.getLogger(UsageRetention.class);
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final String DELETE = """
            DELETE FROM usage_records WHERE id IN (SELECT id FROM usage_records WHERE created_at < ? AND credits_nano_usd = 0
                ORDER BY created_at LIMIT ?)""";

    private final JdbcClient jdbc;
    private final BillingCalendar calendar;
    private final UsageProperties properties;

    UsageRetention(JdbcClient jdbc, BillingCalendar calendar, UsageProperties properties) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${switchboard.usage.prune-period:15m}", initialDelayString = "${switchboard.usage.prune-initial-delay:2m}")
    void scheduled() throws InterruptedException {
        var pruned = pruneNow();
        if (pruned > 0) {
            log.info("Pruned {} usage records older than {} days (their rollups are kept)", pruned, properties.retentionDays());
        }
    }

    /** Deletes every raw record before the retention cut-off, batch by batch; returns how many. */
    public long pruneNow() throws InterruptedException {
        var cutoff = cutoff();
        var total = 0L;
        while (true) {
            var deleted = jdbc.sql(DELETE).params(cutoff, properties.pruneBatch()).update();
            total += deleted;
            if (deleted < properties.pruneBatch()) {
                return total;
            }
            Thread.sleep(20);
        }
    }

    /** Records before this instant (epoch milliseconds, a whole UTC hour) are pruned. */
    public long cutoff() {
        var horizon = calendar.now().minus(Duration.ofDays(properties.retentionDays())).toEpochMilli();
        return Math.floorDiv(horizon, HOUR_MILLIS) * HOUR_MILLIS;
    }
}
