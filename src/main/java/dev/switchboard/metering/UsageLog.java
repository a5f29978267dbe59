package dev.switchboard.metering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable usage log. Requests hand their record to one writer thread, which commits whatever has queued up in
 * one transaction (group commit): under load one commit serves many requests, and no request thread ever holds a
 * database connection. {@link #recordAndWait} returns once the record is committed, so a client that has seen the
 * end of its response has its usage on disk. A failing database is retried until it recovers; nothing is dropped,
 * and nothing is written twice: a retried batch skips the records that a commit whose answer was lost wrote after all.
 * The same transaction adds the batch to its hourly, daily and monthly {@link Rollups}: records and rollups commit
 * together or not at all. On SQLite the write-ahead log is checkpointed beside the writer ({@link WalCheckpoints}),
 * so that no request's commit carries a checkpoint.
 */
@Service
public class UsageLog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageLog.class);
    private static final String INSERT = """
            INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model,
                credential_kind, credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens,
                cost_nano_usd, latency_ms, error_type, request_id, client_id, credits_nano_usd, cache_write_tokens, template_id,
                template_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final UsageProperties properties;
    private final UsageMetrics metrics;
    private final Rollups rollups;
    private final LinkedBlockingQueue<Pending> queue;
    private final WalCheckpoints checkpoints;
    private final Thread writer;
    private volatile boolean closing;
    private volatile boolean failing;

    UsageLog(JdbcTemplate jdbc, TransactionTemplate transactions, UsageProperties properties, UsageMetrics metrics, Rollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
        this.queue = new LinkedBlockingQueue<>(properties.maxQueued());
        this.checkpoints = new WalCheckpoints(jdbc, properties.checkpointEvery());
        this.writer = Thread.ofPlatform().name("usage-writer").daemon(false).start(this::run);
    }

    /**
     * Queues the record; the future completes when it is committed. A full queue (the database away for long) is waited
     * on for room up to {@code max-wait}; past that the record is logged whole, as at a shutdown that could not write it.
     */
    public CompletableFuture<Void> record(UsageRecord record) {
        var pending = new Pending(record, new CompletableFuture<>());
        metrics.count(record);
        try {
            if (queue.offer(pending) || queue.offer(pending, properties.maxWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return pending.committed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.error("The usage queue is full ({} records waiting for the database); this record is not kept: {}", queue.size(), record);
        pending.committed.completeExceptionally(new IllegalStateException("usage queue full"));
        return pending.committed;
    }

    /**
     * Queues the record and waits until it is committed (at most {@code switchboard.usage.max-wait}); while the database
     * is failing it does not wait: the record stays queued in memory and the request is served.
     */
    public void recordAndWait(UsageRecord record) {
        if (failing) {
            record(record);
            return;
        }
        try {
            record(record).get(properties.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Usage record {} is not committed yet; it stays queued", record.id());
        } catch (ExecutionException e) {
            log.error("Usage record {} could not be committed", record.id(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        var batch = new ArrayList<Pending>(properties.maxBatch());
        while (!(closing && queue.isEmpty())) {
            try {
                var first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    checkpoints.idle();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxBatch() - 1);
                commitWithRetries(batch);
                batch.forEach(p -> p.committed.complete(null));
                batch.clear();
                checkpoints.committed();
            } catch (InterruptedException e) {
                closing = true;
            }
        }
    }

    private void commitWithRetries(List<Pending> batch) throws InterruptedException {
        var backoff = 50L;
        var records = batch.stream().map(Pending::record).toList();
        var uncertain = false;
        while (true) {
            try {
                var again = uncertain;
                transactions.executeWithoutResult(status -> {
                    var missing = again ? notWritten(records) : records;
                    if (!missing.isEmpty()) {
                        jdbc.batchUpdate(INSERT, missing.stream().map(UsageLog::row).toList());
                        rollups.add(jdbc, missing);
                    }
                });
                failing = false;
                return;
            } catch (RuntimeException e) {
                failing = true;
                uncertain = true;
                log.error("Committing {} usage records failed; retrying in {} ms", batch.size(), backoff, e);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
                if (closing && backoff >= 5_000) {
                    batch.forEach(p -> p.committed.completeExceptionally(e));
                    log.error("Gave up on {} usage records at shutdown: {}", batch.size(),
                            batch.stream().map(p -> p.record).toList());
                    return;
                }
            }
        }
    }

    /**
     * The records of a batch whose commit failed that are not in the table: a connection lost during the commit may
     * have lost only its answer, and the records (with their rollups, in the same transaction) may be there already.
     */
    private List<UsageRecord> notWritten(List<UsageRecord> records) {
        var placeholders = String.join(",", java.util.Collections.nCopies(records.size(), "?"));
        var written = new java.util.HashSet<>(jdbc.queryForList("SELECT id FROM usage_records WHERE id IN (" + placeholders + ")",
                String.class, records.stream().map(UsageRecord::id).toArray()));
        return records.stream().filter(r -> !written.contains(r.id())).toList();
    }

    private static Object[] row(UsageRecord r) {
        var call = r.call();
        var served = r.servedBy();
        var result = r.result();
        var usage = result.usage();
        return new Object[]{r.id(), r.createdAtMillis(), call.endpoint(), call.userId(), call.gatewayKeyId(), served.providerId(),
                served.model(), served.upstreamModel(), served.credentialKind(), served.credentialId(), result.outcome().wire(),
                result.httpStatus(), call.streamed(), usage.inputTokens(), usage.outputTokens(), usage.cachedInputTokens(),
                result.cost().nanoUsd(), result.latencyMillis(), result.errorType(), call.requestId(), call.clientId(),
                result.credits().nanoUsd(), usage.cacheWriteTokens(),
                r.template() == null ? null : r.template().id(), r.template() == null ? null : r.template().version()};
    }

    /** Whether the last commit failed (the database is away): records queue in memory until it is back. */
    public boolean failing() {
        return failing;
    }

    /** How many records wait to be written. */
    public int queued() {
        return queue.size();
    }

    /** Writes out everything queued before the database goes away. */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        writer.join(30_000);
        checkpoints.close();
    }

    private record Pending(UsageRecord record, CompletableFuture<Void> committed) {
    }
}
