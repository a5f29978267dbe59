package dev.switchboard.metering;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.usage.*}: how many records one commit may carry, and how long a request waits for its record
 * to be durable before it answers anyway (the record stays queued and is written when the database is back), how many
 * records may wait in memory ({@code max-queued}) while the database is away; how many days raw records are kept
 * ({@code SWITCHBOARD_USAGE_RETENTION_DAYS}; the rollups keep the history), and how many of them one pruning transaction
 * deletes, so that pruning never holds the database long enough to stall the writer; after how many of its commits it
 * has SQLite's write-ahead log checkpointed beside it ({@code checkpoint-every}, see {@link WalCheckpoints}).
 */
@ConfigurationProperties("switchboard.usage")
public record UsageProperties(Integer maxBatch, Duration maxWait, Integer maxQueued, Integer retentionDays, Integer pruneBatch,
                              Integer checkpointEvery) {

    public UsageProperties {
        maxBatch = maxBatch == null ? 512 : maxBatch;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        maxQueued = maxQueued == null ? 100_000 : maxQueued;
        retentionDays = retentionDays == null ? 90 : retentionDays;
        pruneBatch = pruneBatch == null ? 2_000 : pruneBatch;
        checkpointEvery = checkpointEvery == null ? 1_000 : checkpointEvery;
        if (retentionDays < 1) {
            throw new IllegalArgumentException("switchboard.usage.retention-days must be at least 1: " + retentionDays);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("switchboard.usage.checkpoint-every must be at least 1: " + checkpointEvery);
        }
        if (pruneBatch < 1) {
            throw new IllegalArgumentException("switchboard.usage.prune-batch must be at least 1: " + pruneBatch);
        }
    }
}
