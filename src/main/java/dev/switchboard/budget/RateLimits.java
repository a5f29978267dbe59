package dev.switchboard.budget;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.access.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.springframework.stereotype.Service;

/**
 * Requests and tokens per minute per API client and per gateway key: token buckets (Bucket4j) refilled greedily over a
 * minute, on the application's clock; in Redis (Bucket4j's Lettuce back end) when it is configured, so that several
 * instances share one limit, else (and after Redis failed) in this instance. A call takes one request and its worst-case tokens (prompt estimate plus its
 * output limit, as OpenAI counts them); refused, it takes nothing. Every answer carries OpenAI's
 * {@code x-ratelimit-*} headers for the limits that apply, refusals a {@code retry-after} too.
 */
@Service
public class RateLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Bucket> shared = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final TimeMeter time;
    private final RedisLink redis;
    private volatile ProxyManager<byte[]> proxies;

    RateLimits(Clock clock, RedisLink redis) {
        this.redis = redis;
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

    /** What the limits decided: the headers to send either way, and the refusal (null when the call may go on). */
    public record Decision(Map<String, String> headers, Refused refused) {
    }

    /** Takes from Redis's buckets while Redis serves, else (and after it failed) from this instance's. */
    public Decision take(Caller caller, long tokens) {
        if (redis.up()) {
            try {
                return take(caller, tokens, true);
            } catch (RuntimeException e) {
                redis.failed(e);
            }
        }
        return take(caller, tokens, false);
    }

    private Decision take(Caller caller, long tokens, boolean remote) {
        var owner = caller.isClient() ? "client:" + caller.clientId() : caller.gatewayKeyId() == null ? null : "key:" + caller.gatewayKeyId();
        var limits = caller.limits();
        var headers = new LinkedHashMap<String, String>();
        if (owner == null || limits.rpm() == null && limits.tpm() == null) {
            return new Decision(headers, null);
        }
        var requests = limits.rpm() == null ? null : bucket(owner + ":rpm:" + limits.rpm(), limits.rpm(), remote);
        var tokensBucket = limits.tpm() == null ? null : bucket(owner + ":tpm:" + limits.tpm(), limits.tpm(), remote);
        Refused refused = null;
        if (requests != null && !requests.tryConsume(1)) {
            refused = refusal("requests", limits.rpm(), 1, requests);
        } else if (tokensBucket != null && !tokensBucket.tryConsume(Math.max(1, tokens))) {
            if (requests != null) {
                requests.addTokens(1);
            }
            refused = refusal("tokens", limits.tpm(), Math.max(1, tokens), tokensBucket);
        }
        describe(headers, "requests", limits.rpm(), requests);
        describe(headers, "tokens", limits.tpm(), tokensBucket);
        return new Decision(headers, refused);
    }

    private Bucket bucket(String key, long perMinute, boolean remote) {
        if (remote) {
            return shared.get(key, k -> proxies().builder().build(redis.key("rate:" + k).getBytes(StandardCharsets.UTF_8),
                    () -> BucketConfiguration.builder().addLimit(bandwidth(perMinute)).build()));
        }
        return buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(perMinute)).build());
    }

    private static Bandwidth bandwidth(long perMinute) {
        return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, MINUTE).build();
    }

    /** Bucket4j's Redis back end (compare-and-swap over Lettuce), on the application's clock. */
    private ProxyManager<byte[]> proxies() {
        if (proxies == null) {
            synchronized (this) {
                if (proxies == null) {
                    proxies = Bucket4jLettuce.casBasedBuilder(redis.bytes()).clientClock(time)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(2)))
                            .build();
                }
            }
        }
        return proxies;
    }

    private static void describe(Map<String, String> headers, String what, Number limit, Bucket bucket) {
        if (bucket == null) {
            return;
        }
        var capacity = limit.longValue();
        var remaining = Math.max(0, bucket.getAvailableTokens());
        headers.put("x-ratelimit-limit-" + what, Long.toString(capacity));
        headers.put("x-ratelimit-remaining-" + what, Long.toString(remaining));
        headers.put("x-ratelimit-reset-" + what, duration(MINUTE.toMillis() * (capacity - remaining) / capacity));
    }

    private static Refused refusal(String what, Number limit, long wanted, Bucket bucket) {
        var perMinute = limit.longValue();
        if (wanted > perMinute) {
            return new Refused(429, "rate_limit_exceeded", "Rate limit: this request may use " + wanted + " tokens, more than the "
                    + perMinute + " tokens per minute this key may use at all. Lower max_tokens or the prompt.", null);
        }
        var wait = bucket.estimateAbilityToConsume(wanted).getNanosToWaitForRefill();
        var seconds = Math.max(1, Duration.ofNanos(wait).toSeconds() + (wait % 1_000_000_000 == 0 ? 0 : 1));
        return new Refused(429, "rate_limit_exceeded", "Rate limit reached: " + perMinute + " " + what + " per minute; " + bucket.getAvailableTokens()
                + " left now. Try again in " + seconds + "s.", seconds);
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
