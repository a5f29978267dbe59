package dev.switchboard.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.access.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.springframework.stereotype.Service;

/**
 * Requests and tokens per minute per API client and per gateway key: token buckets refilled greedily over a minute, on
 * the application's clock; in Redis ({@link RedisBuckets}: the same bucket as one Lua script, taken from in allowances
 * that spare most calls the round trip: {@link LeasedBuckets}) when it is configured, so that several instances share
 * one limit, else (and after Redis failed) in this instance (Bucket4j). A call takes one
 * request and its worst-case tokens (prompt estimate plus its output limit, as OpenAI counts them); refused, it takes
 * nothing. Every answer carries OpenAI's {@code x-ratelimit-*} headers for the limits that apply, refusals a
 * {@code retry-after} too.
 */
@Service
public class RateLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<SharedKeysOf, SharedKeys> sharedKeys = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Clock clock;
    private final TimeMeter time;
    private final RedisLink redis;
    private final RedisBuckets shared;
    private final LeasedBuckets leased;

    RateLimits(Clock clock, RedisLink redis) {
        this.clock = clock;
        this.redis = redis;
        this.shared = new RedisBuckets(redis);
        this.leased = new LeasedBuckets(shared);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * What the limits decided: the headers to send either way, the refusal (null when the call may go on), and what the
     * call took ({@link Taken#NOTHING} when refused or unlimited).
     */
    public record Decision(Map<String, String> headers, Refused refused, Taken taken) {
    }

    /**
     * The worst-case tokens a call took from its tokens-per-minute bucket, corrected as its attempts report their real
     * tokens: after each, the bucket holds the call's real tokens so far (the difference refunded, or taken beyond the
     * limit when the provider reported more than the worst case). A failure to reach Redis leaves the worst case taken.
     */
    public static final class Taken {

        public static final Taken NOTHING = new Taken(null, 0);
        private final java.util.function.LongConsumer bucket;
        private long charged;
        private long real;

        private Taken(java.util.function.LongConsumer bucket, long charged) {
            this.bucket = bucket;
            this.charged = charged;
        }

        /** An attempt of the call used these tokens (input and output, as reported; zero when it never reached the provider). */
        public synchronized void spent(long tokens) {
            if (bucket == null) {
                return;
            }
            real += Math.max(0, tokens);
            var refund = charged - real;
            charged = real;
            if (refund != 0) {
                bucket.accept(refund);
            }
        }
    }

    /** Takes from Redis's buckets while Redis serves, else (and after it failed) from this instance's. */
    public Decision take(Caller caller, long tokens) {
        var owner = caller.isClient() ? "client:" + caller.clientId() : caller.gatewayKeyId() == null ? null : "key:" + caller.gatewayKeyId();
        var limits = caller.limits();
        if (owner == null || limits.rpm() == null && limits.tpm() == null) {
            return new Decision(new LinkedHashMap<>(), null, Taken.NOTHING);
        }
        if (redis.up()) {
            try {
                return takeShared(owner, limits.rpm(), limits.tpm(), Math.max(1, tokens));
            } catch (RuntimeException e) {
                redis.failed(e);
            }
        }
        return takeHere(owner, limits.rpm(), limits.tpm(), Math.max(1, tokens));
    }

    /** A caller's buckets in Redis: the keys of its requests and tokens buckets (null: no such limit), built once. */
    private record SharedKeys(String requests, String tokens) {
    }

    /** What the shared keys are cached by: the caller and its limits (a record, not a string built on every call). */
    private record SharedKeysOf(String owner, Integer rpm, Long tpm) {
    }

    private Decision takeShared(String owner, Integer rpm, Long tpm, long tokens) {
        var keys = sharedKeys.get(new SharedKeysOf(owner, rpm, tpm), k -> new SharedKeys(rpm == null ? null : shared.key(owner + ":rpm:" + rpm),
                tpm == null ? null : shared.key(owner + ":tpm:" + tpm)));
        var asks = new java.util.ArrayList<RedisBuckets.Ask>(2);
        var names = new java.util.ArrayList<HeaderNames>(2);
        if (rpm != null) {
            asks.add(new RedisBuckets.Ask(keys.requests(), rpm, 1));
            names.add(HeaderNames.REQUESTS);
        }
        if (tpm != null) {
            asks.add(new RedisBuckets.Ask(keys.tokens(), tpm, tokens));
            names.add(HeaderNames.TOKENS);
        }
        var taken = leased.take(clock.millis(), asks);
        var headers = new LinkedHashMap<String, String>();
        Refused refused = null;
        for (var i = 0; i < asks.size(); i++) {
            var what = names.get(i);
            var level = taken.levels().get(i);
            describe(headers, what, asks.get(i).capacity(), level.remaining());
            if (taken.refused() == i) {
                refused = refusal(what.what(), asks.get(i).capacity(), asks.get(i).tokens(), level.remaining(), level.millisToWait() * 1_000_000);
            }
        }
        if (refused != null || tpm == null) {
            return new Decision(headers, refused, Taken.NOTHING);
        }
        return new Decision(headers, null, new Taken(refund -> leased.adjust(clock.millis(), keys.tokens(), tpm, refund), tokens));
    }

    /** Gives back the allowances of Redis's buckets that this instance has not used for a second (see {@link LeasedBuckets}). */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 250, initialDelay = 250)
    void giveBackAllowances() {
        if (redis.up()) {
            leased.giveBackOld(clock.millis(), false);
        }
    }

    private Decision takeHere(String owner, Integer rpm, Long tpm, long tokens) {
        var headers = new LinkedHashMap<String, String>();
        var requests = rpm == null ? null : bucket(owner + ":rpm:" + rpm, rpm);
        var tokensBucket = tpm == null ? null : bucket(owner + ":tpm:" + tpm, tpm);
        Refused refused = null;
        if (requests != null && !requests.tryConsume(1)) {
            refused = refusal("requests", rpm, 1, requests);
        } else if (tokensBucket != null && !tokensBucket.tryConsume(tokens)) {
            if (requests != null) {
                requests.addTokens(1);
            }
            refused = refusal("tokens", tpm, tokens, tokensBucket);
        }
        if (requests != null) {
            describe(headers, HeaderNames.REQUESTS, rpm, requests.getAvailableTokens());
        }
        if (tokensBucket != null) {
            describe(headers, HeaderNames.TOKENS, tpm, tokensBucket.getAvailableTokens());
        }
        var taken = refused != null || tokensBucket == null ? Taken.NOTHING : new Taken(refund -> {
            if (refund > 0) {
                tokensBucket.addTokens(refund);
            } else {
                tokensBucket.consumeIgnoringRateLimits(-refund);
            }
        }, tokens);
        return new Decision(headers, refused, taken);
    }

    private Bucket bucket(String key, long perMinute) {
        return buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, MINUTE).build()).build());
    }

    /** OpenAI's three headers for one limit ({@code requests} or {@code tokens}), named once rather than on every call. */
    private record HeaderNames(String what, String limit, String remaining, String reset) {
        static final HeaderNames REQUESTS = of("requests");
        static final HeaderNames TOKENS = of("tokens");

        static HeaderNames of(String what) {
            return new HeaderNames(what, "x-ratelimit-limit-" + what, "x-ratelimit-remaining-" + what, "x-ratelimit-reset-" + what);
        }
    }

    private static void describe(Map<String, String> headers, HeaderNames names, long capacity, long available) {
        var remaining = Math.max(0, available);
        headers.put(names.limit(), Long.toString(capacity));
        headers.put(names.remaining(), Long.toString(remaining));
        headers.put(names.reset(), duration(MINUTE.toMillis() * (capacity - remaining) / capacity));
    }

    private static Refused refusal(String what, Number limit, long wanted, Bucket bucket) {
        return refusal(what, limit.longValue(), wanted, bucket.getAvailableTokens(),
                bucket.estimateAbilityToConsume(wanted).getNanosToWaitForRefill());
    }

    private static Refused refusal(String what, long perMinute, long wanted, long available, long nanosToWait) {
        if (wanted > perMinute) {
            return new Refused(429, "rate_limit_exceeded", "Rate limit: this request may use " + wanted + " tokens, more than the "
                    + perMinute + " tokens per minute this key may use at all. Lower max_tokens or the prompt.", null);
        }
        var seconds = Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + (nanosToWait % 1_000_000_000 == 0 ? 0 : 1));
        return new Refused(429, "rate_limit_exceeded", "Rate limit reached: " + perMinute + " " + what + " per minute; "
                + Math.max(0, available) + " left now. Try again in " + seconds + "s.", seconds);
    }
    /** A duration as OpenAI writes it in its reset headers: {@code 120ms}, {@code 1.5s}, {@code 6m0s}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0)
                    .replaceAll("0+$", "")) + "s";
        }
        return millis / 60_000 + "m" + millis % 60_000 / 1000 + "s";
    }
}
