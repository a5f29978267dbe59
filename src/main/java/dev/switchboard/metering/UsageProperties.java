package dev.switchboard.metering;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.usage.*}: how many records one commit may carry, and how long a request waits for its record
 * to be durable before it answers anyway (the record stays queued and is written when the database is back), and how
 * many records may wait in memory ({@code max-queued}) while the database is away.
 */
@ConfigurationProperties("switchboard.usage")
public record UsageProperties(Integer maxBatch, Duration maxWait, Integer maxQueued) {

    public UsageProperties {
        maxBatch = maxBatch == null ? 512 : maxBatch;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        maxQueued = maxQueued == null ? 100_000 : maxQueued;
    }
}
