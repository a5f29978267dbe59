package dev.switchboard.budget;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ScriptOutputType;

/**
 * Token buckets in Redis, shared by every instance, as one Lua script per call: the same greedy token bucket as
 * {@link RateLimits}' Bucket4j buckets in memory (full at first, refilled continuously at {@code capacity} tokens per
 * minute, never above it; a consumption beyond the limit leaves it negative), counted exactly in integer "token
 * milliseconds" (a token is 60,000 of them; each millisecond adds {@code capacity}), exact up to 1.5e11 tokens per minute.
 * <p>
 * Why not Bucket4j's Redis back end: it is compare-and-swap (read the state, compute here, write it if unchanged), two
 * round trips a call and one more to read what is left; calls at once on one key collide and retry. Measured on the
 * benchmark (16 to 32 connections, one key): 8.5 compare-and-swap scripts and 18 reads per request, and the gateway
 * served a fifth of its throughput. Here the requests and tokens buckets of a call are checked, taken (all or none) and
 * described in one script, and a correction of the tokens is sent without waiting.
 */
final class RedisBuckets {

    /** A bucket's level (token milliseconds) and time now: full when new, refilled since it was last written, never above full. */
    private static final String REFILL = """
            local function refill(key, now, capacity)
              local full = capacity * 60000
              local state = redis.call('HMGET', key, 'u', 't')
              local u, t = full, now
              if state[1] then u, t = tonumber(state[1]), tonumber(state[2]) end
              if now > t then
                if (now - t) * capacity >= full - u then u = full else u = u + (now - t) * capacity end
                t = now
              end
              return u, t
            end
            local function store(key, u, t, capacity)
              redis.call('HSET', key, 'u', string.format('%.0f', u), 't', string.format('%.0f', t))
              redis.call('PEXPIRE', key, math.ceil((capacity * 60000 - u) / capacity) + 120000)
            end
            """;
    /** ARGV: now (ms), then per key its capacity and the tokens to take. Answers ok (0/1), the refused key's index, then per key its tokens left and the ms to wait for what it was asked. */
    private static final RedisLink.Script TAKE = RedisLink.Script.of(REFILL + """
            local now, period = tonumber(ARGV[1]), 60000
            local level, last = {}, {}
            local refused = 0
            for i = 1, #KEYS do
              level[i], last[i] = refill(KEYS[i], now, tonumber(ARGV[i * 2]))
              if refused == 0 and level[i] < tonumber(ARGV[i * 2 + 1]) * period then refused = i end
            end
            local answer = {refused == 0 and 1 or 0, refused}
            for i = 1, #KEYS do
              local capacity, wanted = tonumber(ARGV[i * 2]), tonumber(ARGV[i * 2 + 1]) * period
              local u = level[i]
              if refused == 0 then u = u - wanted end
              store(KEYS[i], u, last[i], capacity)
              answer[#answer + 1] = math.floor(u / period)
              answer[#answer + 1] = u >= wanted and 0 or math.ceil((wanted - u) / capacity)
            end
            return answer""");
    /** ARGV: now, capacity, tokens: added (positive, never above the capacity) or taken whatever is left (negative). */
    private static final RedisLink.Script ADJUST = RedisLink.Script.of(REFILL + """
            local now, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
            local u, t = refill(KEYS[1], now, capacity)
            store(KEYS[1], math.min(capacity * 60000, u + tonumber(ARGV[3]) * 60000), t, capacity)
            return 1""");

    private final RedisLink redis;

    RedisBuckets(RedisLink redis) {
        this.redis = redis;
    }

    /** One bucket of a call: its Redis key ({@link #key}), its capacity per minute and the tokens the call takes from it. */
    record Ask(String key, long capacity, long tokens) {
    }

    /** Whether Redis is reachable now (see {@link RedisLink#connected}). */
    boolean connected() {
        return redis.connected();
    }

    /** The Redis key of the bucket named {@code name}. */
    String key(String name) {
        return redis.key("rate:" + name);
    }

    /** What a bucket holds after the call (its tokens left, never negative) and how long until it holds what was asked. */
    record Level(long remaining, long millisToWait) {
    }

    /** Took all (refused is -1) or none (refused is the index of the first bucket that could not give its tokens). */
    record Taken(int refused, List<Level> levels) {
    }

    Taken take(long nowMillis, List<Ask> asks) {
        var keys = new String[asks.size()];
        var args = new String[1 + 2 * asks.size()];
        args[0] = Long.toString(nowMillis);
        for (var i = 0; i < keys.length; i++) {
            keys[i] = asks.get(i).key();
            args[1 + 2 * i] = Long.toString(asks.get(i).capacity());
            args[2 + 2 * i] = Long.toString(asks.get(i).tokens());
        }
        List<Long> answer = redis.run(TAKE, ScriptOutputType.MULTI, keys, args);
        var levels = new ArrayList<Level>();
        for (var i = 0; i < asks.size(); i++) {
            levels.add(new Level(Math.max(0, answer.get(2 + i * 2)), answer.get(3 + i * 2)));
        }
        return new Taken(answer.get(0) == 1 ? -1 : answer.get(1).intValue() - 1, levels);
    }

    /** Gives tokens back ({@code tokens} > 0) or takes more whatever is left (in the bucket of Redis key {@code key}), without waiting; a failure counts against Redis. */
    void adjust(long nowMillis, String key, long capacity, long tokens) {
        try {
            redis.runLater(ADJUST, ScriptOutputType.INTEGER, new String[]{key}, Long.toString(nowMillis),
                    Long.toString(capacity), Long.toString(tokens)).whenComplete((done, e) -> {
                        if (e != null) {
                            failed(e);
                        }
                    });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        redis.failed(cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
    }
}
