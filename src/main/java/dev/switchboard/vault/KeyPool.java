package dev.switchboard.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.switchboard.catalog.Provider;
import dev.switchboard.metering.CredentialUsage;
import dev.switchboard.money.BillingCalendar;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The admin key pool in memory: the keys (sealed; a key is opened only for the call it serves) and each key's
 * {@link KeySpend}, rebuilt from the usage log's rollups at start and kept up to date by every call's settlement, so that choosing
 * a key never costs a database round trip. Keys are re-read every few seconds, so changes made on another instance
 * arrive within {@code switchboard.pool.refresh-period}; this instance's changes at once.
 * <p>
 * Choosing: among the provider's keys that are active, the default first, then by priority (lower first), then the one
 * with the most headroom left today; a key is taken only if this call's worst-case cost fits all its limits (reserved
 * until the call settles).
 */
@Service
public class KeyPool {

    private final PoolKeys rows;
    private final SecretBox box;
    private final BillingCalendar calendar;
    private final CredentialUsage usage;
    private final Map<String, KeySpend> spend = new ConcurrentHashMap<>();
    private volatile Map<String, List<PoolKey>> byProvider = Map.of();
    private volatile Map<String, PoolKey> byId = Map.of();

    private final org.springframework.context.ApplicationEventPublisher events;

    KeyPool(PoolKeys rows, SecretBox box, BillingCalendar calendar, CredentialUsage usage,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.rows = rows;
        this.usage = usage;
        this.box = box;
        this.calendar = calendar;
        reload();
        rebuildSpend();
    }

    /** Re-reads the keys (their settings, not their spending). */
    @Scheduled(fixedDelayString = "${switchboard.pool.refresh-period:10s}", initialDelayString = "${switchboard.pool.refresh-period:10s}")
    public void reload() {
        var keys = rows.all();
        byId = keys.stream().collect(Collectors.toUnmodifiableMap(PoolKey::id, k -> k));
        byProvider = keys.stream().collect(Collectors.groupingBy(PoolKey::providerId, Collectors.toUnmodifiableList()));
        keys.forEach(k -> spend.computeIfAbsent(k.id(), id -> new KeySpend(calendar.today(), calendar.month())));
    }

    /** This instance changed the pool: reloads it here, and tells the other instances (through Redis, when there is one). */
    void changed() {
        reload();
        events.publishEvent(dev.switchboard.access.Invalidation.of(dev.switchboard.access.Invalidation.Scope.POOL, null));
    }

    @org.springframework.context.event.EventListener
    void on(dev.switchboard.access.Invalidation invalidation) {
        if (invalidation.remote() && invalidation.scope() == dev.switchboard.access.Invalidation.Scope.POOL) {
            reload();
        }
    }

    /**
     * Derives every key's spending and counts from the usage log's rollups, the one source of truth (which, unlike the
     * raw records, are never pruned: a key's total outlives the retention of its records).
     */
    void rebuildSpend() {
        var spent = usage.byCredential("pool", calendar.startOfDay(), calendar.startOfMonth());
        for (var key : byId.values()) {
            var s = spent.get(key.id());
            var fresh = new KeySpend(calendar.today(), calendar.month());
            if (s != null) {
                fresh.load(s.dayNanos(), s.monthNanos(), s.totalNanos(), s.requests(), s.successes(), s.lastUsedAt());
            }
            spend.put(key.id(), fresh);
        }
    }

    /** Whether the provider has pool keys at all. */
    public boolean hasKeys(String providerId) {
        return !byProvider.getOrDefault(providerId, List.of()).isEmpty();
    }

    public int keyCount(String providerId) {
        return byProvider.getOrDefault(providerId, List.of()).size();
    }

    /** Whether some key of the provider could serve a call now (its limits not yet reached). */
    public boolean hasUsable(String providerId) {
        var now = calendar.now().toEpochMilli();
        return byProvider.getOrDefault(providerId, List.of()).stream().anyMatch(k -> status(k, now) == KeyStatus.ACTIVE);
    }

    /** The key chosen for a call, with its worst-case cost reserved; or why none can serve it. */
    sealed interface Choice {
        record Leased(Credential credential) implements Choice {
        }

        record Unavailable(String why, Instant until) implements Choice {
        }
    }

    Choice acquire(Provider provider, long worstCaseNanos, Set<String> excluded) {
        return acquire(provider, null, worstCaseNanos, excluded);
    }

    /** The same, but only {@code pinnedKey} may serve when it is not null (a deployment pinned to one pool key). */
    Choice acquire(Provider provider, String pinnedKey, long worstCaseNanos, Set<String> excluded) {
        var now = calendar.now().toEpochMilli();
        for (var key : ordered(provider.id(), now)) {
            if (excluded.contains(key.id()) || status(key, now) != KeyStatus.ACTIVE || (pinnedKey != null && !pinnedKey.equals(key.id()))) {
                continue;
            }
            if (spend(key).reserve(key, worstCaseNanos, calendar.today(), calendar.month()) == null) {
                var lease = new Lease(key.id(), worstCaseNanos);
                try {
                    return new Choice.Leased(new Credential(Credential.Kind.POOL, key.id(), box.open(key.sealedKey(), PoolKey.boundTo(key.id())),
                            key.baseUrl(), lease));
                } catch (RuntimeException e) {
                    spend(key).release(worstCaseNanos);
                    throw e;
                }
            }
        }
        return unavailable(provider, worstCaseNanos, excluded, now);
    }

    /** Books what a call with a pool key cost and what its outcome says about the key. */
    void settle(Lease lease, KeyOutcome outcome, long costNanos, Long retryAfterSeconds) {
        if (!lease.settleOnce()) {
            return;
        }
        var spent = spend.computeIfAbsent(lease.keyId(), id -> new KeySpend(calendar.today(), calendar.month()));
        var now = calendar.now().toEpochMilli();
        if (outcome == KeyOutcome.NOT_SENT) {
            spent.release(lease.reservedNanos());
            return;
        }
        spent.settle(lease.reservedNanos(), costNanos, outcome == KeyOutcome.SERVED, calendar.today(), calendar.month(), now);
        switch (outcome) {
            case RATE_LIMITED -> spent.rateLimited(retryAfterSeconds, now);
            case PROVIDER_FAILED -> spent.failed(now);
            case CREDENTIAL_REFUSED -> {
                rows.markInvalid(lease.keyId(), now);
                changed();
            }
            default -> { }
        }
    }

    /** The provider's keys in the order they are tried. */
    List<PoolKey> ordered(String providerId, long now) {
        var today = calendar.today();
        var month = calendar.month();
        return byProvider.getOrDefault(providerId, List.of()).stream()
                .sorted(Comparator.comparing((PoolKey k) -> !k.isDefault())
                        .thenComparingInt(PoolKey::priority)
                        .thenComparing(Comparator.comparingLong((PoolKey k) -> headroomToday(k, today, month)).reversed())
                        .thenComparing(PoolKey::name))
                .toList();
    }

    private long headroomToday(PoolKey key, java.time.LocalDate today, java.time.YearMonth month) {
        if (key.dailyLimitNanos() == null) {
            return Long.MAX_VALUE;
        }
        var s = spend(key).snapshot(today, month);
        return key.dailyLimitNanos() - s.dailyNanos() - s.reservedNanos();
    }

    KeyStatus status(PoolKey key, long now) {
        if (!key.enabled()) {
            return KeyStatus.DISABLED;
        }
        if (key.invalidSince() != null) {
            return KeyStatus.INVALID;
        }
        if (key.expiresAt() != null && key.expiresAt() <= now) {
            return KeyStatus.EXPIRED;
        }
        var limit = spend(key).limited(key, 0, calendar.today(), calendar.month());
        if (limit != null) {
            return limit == KeySpend.Limit.TOTAL ? KeyStatus.EXHAUSTED : KeyStatus.LIMIT_REACHED;
        }
        return spend(key).coolingDown(now) ? KeyStatus.COOLING_DOWN : KeyStatus.ACTIVE;
    }

    /** Why a key would not serve a call of {@code worstCaseNanos} now, in words; null when it would. */
    String whyNot(PoolKey key, long worstCaseNanos, long now) {
        var status = status(key, now);
        var snapshot = spend(key).snapshot(calendar.today(), calendar.month());
        return switch (status) {
            case DISABLED -> "is switched off";
            case INVALID -> "was refused by the provider (401/403) and waits for an admin to edit or test it";
            case EXPIRED -> "expired at " + Instant.ofEpochMilli(key.expiresAt());
            case EXHAUSTED -> "has reached its total limit";
            case LIMIT_REACHED -> spend(key).limited(key, 0, calendar.today(), calendar.month()) == KeySpend.Limit.DAILY
                    ? "is at its daily limit until " + calendar.nextDay() : "is at its monthly limit until " + calendar.nextMonth();
            case COOLING_DOWN -> "is cooling down until " + snapshot.cooldownUntil();
            case ACTIVE -> switch (spend(key).limited(key, worstCaseNanos, calendar.today(), calendar.month())) {
                case null -> null;
                case TOTAL -> "has too little of its total limit left for this request's worst-case cost";
                case DAILY -> "has too little of its daily limit left for this request's worst-case cost until " + calendar.nextDay();
                case MONTHLY -> "has too little of its monthly limit left for this request's worst-case cost until " + calendar.nextMonth();
            };
        };
    }

    private Choice.Unavailable unavailable(Provider provider, long worstCaseNanos, Set<String> excluded, long now) {
        var reasons = new ArrayList<String>();
        Instant until = null;
        for (var key : ordered(provider.id(), now)) {
            var why = excluded.contains(key.id()) ? "was tried for this request and failed" : whyNot(key, worstCaseNanos, now);
            reasons.add("'" + key.name() + "' " + why);
            var status = status(key, now);
            var next = switch (status) {
                case LIMIT_REACHED, ACTIVE -> calendar.nextDay();
                case COOLING_DOWN -> spend(key).snapshot(calendar.today(), calendar.month()).cooldownUntil();
                default -> null;
            };
            until = next == null ? until : until == null || next.isBefore(until) ? next : until;
        }
        return new Choice.Unavailable("No " + provider.displayName() + " pool key can serve this request: " + String.join("; ", reasons) + ".",
                until);
    }

    /** The key that would serve the provider's next request of no particular cost, and why each other would not. */
    public Explanation explain(String providerId) {
        var now = calendar.now().toEpochMilli();
        var others = new ArrayList<Explanation.Passed>();
        PoolKey chosen = null;
        for (var key : ordered(providerId, now)) {
            var why = whyNot(key, 0, now);
            if (chosen == null && why == null) {
                chosen = key;
            } else {
                others.add(new Explanation.Passed(key.id(), key.name(), why == null ? "comes after '" + (chosen == null ? "?" : chosen.name())
                        + "' in the order (default, priority, headroom today)" : why));
            }
        }
        return new Explanation(Optional.ofNullable(chosen).map(PoolKey::id).orElse(null), Optional.ofNullable(chosen).map(PoolKey::name).orElse(null),
                others);
    }

    public record Explanation(String keyId, String name, List<Passed> others) {
        public record Passed(String keyId, String name, String why) {
        }
    }

    KeySpend.Snapshot spending(PoolKey key) {
        return spend(key).snapshot(calendar.today(), calendar.month());
    }

    List<PoolKey> keys() {
        return byId.values().stream().sorted(Comparator.comparing(PoolKey::providerId).thenComparing(PoolKey::createdAt).thenComparing(PoolKey::id)).toList();
    }

    Optional<PoolKey> key(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private KeySpend spend(PoolKey key) {
        return spend.computeIfAbsent(key.id(), id -> new KeySpend(calendar.today(), calendar.month()));
    }
}
