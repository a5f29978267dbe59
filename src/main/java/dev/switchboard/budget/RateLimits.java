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
 * Requests and tokens per minute per API client and per gateway key: token buckets (Bucket4j) refilled greedily over a
 * minute, on the application's clock. A call takes one request and its worst-case tokens (prompt estimate plus its
 * output limit, as OpenAI counts them); refused, it takes nothing. Every answer carries OpenAI's
 * {@code x-ratelimit-*} headers for the limits that apply, refusals a {@code retry-after} too.
 */
@Service
public class RateLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final TimeMeter time;

    RateLimits(Clock clock) {
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

    public Decision take(Caller caller, long tokens) {
        var owner = caller.isClient() ? "client:" + caller.clientId() : caller.gatewayKeyId() == null ? null : "key:" + caller.gatewayKeyId();
        var limits = caller.limits();
        var headers = new LinkedHashMap<String, String>();
        if (owner == null || limits.rpm() == null && limits.tpm() == null) {
            return new Decision(headers, null);
        }
        var requests = limits.rpm() == null ? null : bucket(owner + ":rpm:" + limits.rpm(), limits.rpm());
        var tokensBucket = limits.tpm() == null ? null : bucket(owner + ":tpm:" + limits.tpm(), limits.tpm());
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

    private Bucket bucket(String key, long perMinute) {
        return buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, MINUTE).build()).build());
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
