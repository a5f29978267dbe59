package dev.switchboard.vault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What one pool key has spent (derived from the usage log at start, then kept up to date by each call's settlement), what
 * in-flight calls have reserved, its request counts and its cooldown. Every method is synchronized: a reservation checks
 * and takes headroom in one step, so concurrent calls cannot push a key past a limit by more than their estimates' error.
 */
final class KeySpend {

    /** Consecutive server failures (5xx, timeouts) after which a key cools down. */
    static final int FAILURES_BEFORE_COOLDOWN = 3;
    private static final long BASE_BACKOFF_MILLIS = 5_000;
    private static final long MAX_BACKOFF_MILLIS = 300_000;

    private LocalDate day;
    private YearMonth month;
    private long daily;
    private long monthly;
    private long total;
    private long reserved;
    private long requests;
    private long successes;
    private long failures;
    private long lastUsedAt;
    private long cooldownUntil;
    private int consecutiveFailures;
    private int cooldowns;

    KeySpend(LocalDate day, YearMonth month) {
        this.day = day;
        this.month = month;
    }

    /** Counters as the usage log has them (at start). */
    synchronized void load(long daily, long monthly, long total, long requests, long successes, long lastUsedAt) {
        this.daily = daily;
        this.monthly = monthly;
        this.total = total;
        this.requests = requests;
        this.successes = successes;
        this.failures = requests - successes;
        this.lastUsedAt = lastUsedAt;
    }

    /** Which limit a call of {@code amount} would pass. */
    enum Limit { TOTAL, DAILY, MONTHLY }

    /** Which limit keeps the key from taking {@code amount} more now, or null when it has the headroom (reserved then). */
    synchronized Limit reserve(PoolKey key, long amount, LocalDate today, YearMonth thisMonth) {
        roll(today, thisMonth);
        var limited = limited(key, amount);
        if (limited == null) {
            reserved += amount;
        }
        return limited;
    }

    /** The limit a call of {@code amount} would pass, without reserving; null when none. */
    synchronized Limit limited(PoolKey key, long amount, LocalDate today, YearMonth thisMonth) {
        roll(today, thisMonth);
        return limited(key, amount);
    }

    private Limit limited(PoolKey key, long amount) {
        if (over(key.totalLimitNanos(), total, amount)) {
            return Limit.TOTAL;
        }
        if (over(key.dailyLimitNanos(), daily, amount)) {
            return Limit.DAILY;
        }
        return over(key.monthlyLimitNanos(), monthly, amount) ? Limit.MONTHLY : null;
    }

    /** At the limit already, or would pass it with this amount on top of what is spent and reserved. */
    private boolean over(Long limit, long spent, long amount) {
        return limit != null && (spent + reserved >= limit || spent + reserved + amount > limit);
    }

    /** The call that reserved {@code reservedAmount} ended: its real cost is spent, its reservation released. */
    synchronized void settle(long reservedAmount, long cost, boolean success, LocalDate today, YearMonth thisMonth, long now) {
        roll(today, thisMonth);
        reserved = Math.max(0, reserved - reservedAmount);
        daily += cost;
        monthly += cost;
        total += cost;
        requests++;
        if (success) {
            successes++;
            consecutiveFailures = 0;
            cooldowns = 0;
        } else {
            failures++;
        }
        lastUsedAt = now;
    }

    /** A reservation whose call never reached the provider: released, nothing counted. */
    synchronized void release(long reservedAmount) {
        reserved = Math.max(0, reserved - reservedAmount);
    }

    /** The provider asked us to slow down: cool down until its retry-after, or an exponential backoff. */
    synchronized void rateLimited(Long retryAfterSeconds, long now) {
        coolDown(retryAfterSeconds == null ? backoff() : retryAfterSeconds * 1000, now);
    }

    /** A server failure or timeout: after a few in a row, cool down with an exponential backoff. */
    synchronized void failed(long now) {
        if (++consecutiveFailures >= FAILURES_BEFORE_COOLDOWN) {
            consecutiveFailures = 0;
            coolDown(backoff(), now);
        }
    }

    private long backoff() {
        return Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(cooldowns, 16));
    }

    private void coolDown(long millis, long now) {
        cooldowns++;
        cooldownUntil = Math.max(cooldownUntil, now + Math.max(0, millis));
    }

    synchronized boolean coolingDown(long now) {
        return cooldownUntil > now;
    }

    private void roll(LocalDate today, YearMonth thisMonth) {
        if (!today.equals(day)) {
            day = today;
            daily = 0;
        }
        if (!thisMonth.equals(month)) {
            month = thisMonth;
            monthly = 0;
        }
    }

    synchronized Snapshot snapshot(LocalDate today, YearMonth thisMonth) {
        roll(today, thisMonth);
        return new Snapshot(daily, monthly, total, reserved, requests, successes, failures,
                lastUsedAt == 0 ? null : Instant.ofEpochMilli(lastUsedAt), cooldownUntil == 0 ? null : Instant.ofEpochMilli(cooldownUntil));
    }

    /** The counters at one moment, in nano-USD. */
    record Snapshot(long dailyNanos, long monthlyNanos, long totalNanos, long reservedNanos, long requests, long successes, long failures,
                    Instant lastUsedAt, Instant cooldownUntil) {
    }
}
