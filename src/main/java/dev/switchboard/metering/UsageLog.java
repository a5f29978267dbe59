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
 * end of its response has its usage on disk. A failing database is retried until it recovers; nothing is dropped.
 */
@Service
public class UsageLog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageLog.class);
    private static final String INSERT = """
            INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model,
                credential_kind, credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens,
                cost_nano_usd, latency_ms, error_type, request_id, client_id, template_id, template_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final UsageProperties properties;
    private final UsageMetrics metrics;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    UsageLog(JdbcTemplate jdbc, TransactionTemplate transactions, UsageProperties properties, UsageMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
        this.writer = Thread.ofPlatform().name("usage-writer").daemon(false).start(this::run);
    }

    /** Queues the record; the future completes when it is committed. */
    public CompletableFuture<Void> record(UsageRecord record) {
        var pending = new Pending(record, new CompletableFuture<>());
        queue.add(pending);
        metrics.count(record);
        return pending.committed;
    }

    /** Queues the record and waits until it is committed (at most {@code switchboard.usage.max-wait}). */
    public void recordAndWait(UsageRecord record) {
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
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxBatch() - 1);
                commitWithRetries(batch);
                batch.forEach(p -> p.committed.complete(null));
                batch.clear();
            } catch (InterruptedException e) {
                closing = true;
            }
        }
    }

    private void commitWithRetries(List<Pending> batch) throws InterruptedException {
        var backoff = 50L;
        while (true) {
            try {
                transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, batch.stream().map(p -> row(p.record)).toList()));
                return;
            } catch (RuntimeException e) {
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

    private static Object[] row(UsageRecord r) {
        var call = r.call();
        var served = r.servedBy();
        var result = r.result();
        var usage = result.usage();
        return new Object[]{r.id(), r.createdAtMillis(), call.endpoint(), call.userId(), call.gatewayKeyId(), served.providerId(),
                served.model(), served.upstreamModel(), served.credentialKind(), served.credentialId(), result.outcome().wire(),
                result.httpStatus(), call.streamed(), usage.inputTokens(), usage.outputTokens(), usage.cachedInputTokens(),
                result.cost().nanoUsd(), result.latencyMillis(), result.errorType(), call.requestId(), call.clientId(),
                r.template() == null ? null : r.template().id(), r.template() == null ? null : r.template().version()};
    }

    /** Writes out everything queued before the database goes away. */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        writer.join(30_000);
    }

    private record Pending(UsageRecord record, CompletableFuture<Void> committed) {
    }
}
