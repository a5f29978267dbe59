package dev.switchboard.access;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows password guessing: each failed login takes a token from the account's bucket and from the client address's
 * bucket (Bucket4j, refilled greedily over the window); while either is empty, logins for that account or from that
 * address are refused before the password is even checked. Successful logins cost nothing. Counters are per instance.
 */
final class LoginThrottle {

    private final long perAccount;
    private final long perAddress;
    private final Duration window;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    LoginThrottle(long perAccount, long perAddress, Duration window) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
    }

    /** Seconds to wait when this account or address has failed too often; empty when a login may be tried. */
    OptionalLong blocked(String account, String address) {
        var wait = Math.max(waitSeconds(accounts.getIfPresent(account)), waitSeconds(addresses.getIfPresent(address)));
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    void failed(String account, String address) {
        accounts.get(account, k -> bucket(perAccount)).tryConsume(1);
        addresses.get(address, k -> bucket(perAddress)).tryConsume(1);
    }

    private Bucket bucket(long capacity) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build();
    }

    private static long waitSeconds(Bucket bucket) {
        if (bucket == null) {
            return 0;
        }
        var probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}
