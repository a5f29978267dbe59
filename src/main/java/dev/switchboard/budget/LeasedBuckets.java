package dev.switchboard.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Token buckets in Redis, taken from in allowances: when a call's tokens are taken from a bucket in Redis, as many more
 * calls' worth as fit in an eighth of what the bucket then held (up to twice the calls the last allowance served, at least
 * {@link #FIRST_CALLS} and at most {@link #MAX_CALLS} in all: a busy bucket's allowances grow) are taken with them
 * and kept here, so that the next calls take from this instance's allowance without a round trip. Tokens taken are
 * taken: two instances can never pass a limit together, whatever each keeps. Near its limit a bucket is taken from call
 * by call (an eighth of what is left is less than one more call), exactly as without allowances. An allowance lives
 * {@link #ALLOWANCE_NANOS}: then the next call goes to Redis again (what is left is given back first), and an idle one is
 * given back by {@link #giveBackOld}, so another instance never waits long for tokens this one does not use. A call's
 * correction of its tokens (its real count against its worst case) goes to the allowance it took from.
 * <p>
 * The headers' figures are Redis's level when this instance last took from it plus the allowance: this instance's own
 * calls exactly, another instance's within about a second.
 */
final class LeasedBuckets {

    static final long ALLOWANCE_NANOS = 1_000_000_000L;
    static final int MAX_CALLS = 2048;
    /** The fewest calls an allowance is sized for. */
    static final int FIRST_CALLS = 64;

    private final RedisBuckets redis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Cache<String, Allowance> allowances = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    LeasedBuckets(RedisBuckets redis) {
        this.redis = redis;
    }

    /** What this instance holds of one bucket: tokens taken in Redis and not used yet (negative: used beyond them). */
    private static final class Allowance {
        final long capacity;
        long free;
        /** The bucket's level in Redis after this instance last took from it (-1: never). */
        long level = -1;
        long takenAt;
        /** The calls served since the allowance was last taken in Redis (the one that took it included). */
        long calls;

        Allowance(long capacity) {
            this.capacity = capacity;
        }

        boolean covers(long tokens, long now) {
            return level >= 0 && free >= tokens && now - takenAt < ALLOWANCE_NANOS;
        }
    }

    /** Takes every ask's tokens, all or none (as {@link RedisBuckets#take}), from the allowances where they suffice. */
    RedisBuckets.Taken take(long nowMillis, List<RedisBuckets.Ask> asks) {
        if (!redis.connected()) { // as a budget's lease: once Redis is gone, the limit is kept elsewhere
            throw new io.lettuce.core.RedisConnectionException("Redis is not connected: its allowances serve no new call");
        }
        lock.lock();
        try {
            var now = System.nanoTime();
            var held = new ArrayList<Allowance>(asks.size());
            var local = true;
            for (var ask : asks) {
                var allowance = allowances.get(ask.key(), k -> new Allowance(ask.capacity()));
                held.add(allowance);
                local &= allowance.capacity == ask.capacity() && allowance.covers(ask.tokens(), now);
            }
            return local ? takeHere(asks, held) : takeInRedis(nowMillis, asks, held, now);
        } finally {
            lock.unlock();
        }
    }

    private static RedisBuckets.Taken takeHere(List<RedisBuckets.Ask> asks, List<Allowance> held) {
        var levels = new ArrayList<RedisBuckets.Level>(asks.size());
        for (var i = 0; i < asks.size(); i++) {
            var allowance = held.get(i);
            allowance.free -= asks.get(i).tokens();
            allowance.calls++;
            levels.add(new RedisBuckets.Level(allowance.level + allowance.free, 0));
        }
        return new RedisBuckets.Taken(-1, levels);
    }

    /** Gives back what the allowances hold (ahead, on the one connection), then takes the call's tokens and more in Redis; refused, the call's tokens alone. */
    private RedisBuckets.Taken takeInRedis(long nowMillis, List<RedisBuckets.Ask> asks, List<Allowance> held, long now) {
        var sized = new ArrayList<RedisBuckets.Ask>(asks.size());
        var extra = false;
        for (var i = 0; i < asks.size(); i++) {
            var ask = asks.get(i);
            var allowance = held.get(i);
            giveBack(nowMillis, ask.key(), allowance);
            var calls = Math.min(MAX_CALLS, Math.max(FIRST_CALLS, 2 * allowance.calls));
            var more = allowance.level < 0 || ask.tokens() <= 0 ? 0 : Math.min(calls - 1, allowance.level / 8 / ask.tokens());
            extra |= more > 0;
            sized.add(new RedisBuckets.Ask(ask.key(), ask.capacity(), ask.tokens() * (1 + more)));
        }
        var taken = redis.take(nowMillis, sized);
        if (taken.refused() >= 0 && extra) {
            sized = new ArrayList<>(asks);
            taken = redis.take(nowMillis, asks);
        }
        var levels = new ArrayList<RedisBuckets.Level>(asks.size());
        for (var i = 0; i < asks.size(); i++) {
            var allowance = held.get(i);
            var level = taken.levels().get(i);
            allowance.level = level.remaining();
            allowance.takenAt = now;
            allowance.calls = 1;
            if (taken.refused() < 0) {
                allowance.free = sized.get(i).tokens() - asks.get(i).tokens();
            }
            levels.add(new RedisBuckets.Level(allowance.level + allowance.free, level.millisToWait()));
        }
        return new RedisBuckets.Taken(taken.refused(), levels);
    }

    /** A call used {@code tokens} fewer (negative: more) than it took from the bucket of Redis key {@code key}. */
    void adjust(long nowMillis, String key, long capacity, long tokens) {
        lock.lock();
        try {
            var allowance = allowances.getIfPresent(key);
            if (allowance != null && allowance.capacity == capacity) {
                allowance.free += tokens;
                return;
            }
        } finally {
            lock.unlock();
        }
        redis.adjust(nowMillis, key, capacity, tokens);
    }

    /** Gives back the allowances older than {@link #ALLOWANCE_NANOS} (all when {@code all}), so that other instances may use their tokens. */
    void giveBackOld(long nowMillis, boolean all) {
        lock.lock();
        try {
            var now = System.nanoTime();
            allowances.asMap().forEach((key, allowance) -> {
                if (allowance.free != 0 && (all || now - allowance.takenAt >= ALLOWANCE_NANOS)) {
                    giveBack(nowMillis, key, allowance);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** Sends what an allowance holds back to its bucket (or, when negative, takes it), without waiting. */
    private void giveBack(long nowMillis, String key, Allowance allowance) {
        if (allowance.free != 0) {
            redis.adjust(nowMillis, key, allowance.capacity, allowance.free);
            allowance.free = 0;
        }
    }
}
