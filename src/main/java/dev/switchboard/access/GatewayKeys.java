package dev.switchboard.access;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Gateway keys ("virtual keys"): created with a secret shown once, stored as a hash, looked up through a short
 * cache so that authenticating a request costs no database round trip. Unknown secrets are cached too, briefly,
 * so that guessing costs the database nothing either.
 */
@Service
public class GatewayKeys {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Cache<String, Optional<KeyEntry>> byHash = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    GatewayKeys(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A new key for that user; the returned secret is never stored and cannot be shown again. */
    public CreatedGatewayKey create(String userId, String name, boolean admin) {
        return create(userId, name, admin, null);
    }

    /** A new key that stops working at {@code expiresAtMillis} (null: never). */
    public CreatedGatewayKey create(String userId, String name, boolean admin, Long expiresAtMillis) {
        return create(userId, name, admin, expiresAtMillis, Limits.NONE);
    }

    /** A new key with its own {@link Limits} (budgets, rate limits, models), enforced by {@code budget}. */
    public CreatedGatewayKey create(String userId, String name, boolean admin, Long expiresAtMillis, Limits limits) {
        return insert(userId, name, admin, GatewayKeySecrets.generate(), expiresAtMillis, limits);
    }

    /** The user's active keys, newest first; never their secrets, only the last four characters. */
    public java.util.List<GatewayKeyInfo> list(String userId) {
        return jdbc.sql("""
                SELECT id, name, key_tail, admin, created_at, expires_at, rpm_limit, tpm_limit, daily_budget_nano, monthly_budget_nano,
                       allowed_models FROM gateway_keys
                WHERE user_id = ? AND active = TRUE ORDER BY created_at DESC, id""")
                .param(userId)
                .query((rs, i) -> {
                    var expires = rs.getLong("expires_at");
                    var never = rs.wasNull();
                    return new GatewayKeyInfo(rs.getString("id"), rs.getString("name"), rs.getString("key_tail"),
                            rs.getBoolean("admin"), rs.getLong("created_at"), never ? null : expires, ApiClients.limits(rs));
                })
                .list();
    }

    /** Revokes one of the user's keys at once (here; elsewhere at once through Redis, else within the cache's 30 seconds). */
    public boolean revoke(String userId, String keyId) {
        var hash = jdbc.sql("SELECT key_hash FROM gateway_keys WHERE id = ? AND user_id = ? AND active = TRUE")
                .params(keyId, userId).query(String.class).optional();
        if (hash.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE gateway_keys SET active = FALSE WHERE id = ?").param(keyId).update();
        forget(hash.get());
        return true;
    }

    CreatedGatewayKey insert(String userId, String name, boolean admin, String secret) {
        return insert(userId, name, admin, secret, null, Limits.NONE);
    }

    private CreatedGatewayKey insert(String userId, String name, boolean admin, String secret, Long expiresAtMillis, Limits limits) {
        var id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO gateway_keys (id, user_id, name, key_hash, key_tail, admin, active, created_at, expires_at, rpm_limit, tpm_limit,
                    daily_budget_nano, monthly_budget_nano, allowed_models)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, userId, name, GatewayKeySecrets.hash(secret), GatewayKeySecrets.tail(secret), admin,
                        System.currentTimeMillis(), expiresAtMillis, limits.rpm(), limits.tpm(), limits.dailyBudgetNanos(),
                        limits.monthlyBudgetNanos(), ApiClients.allowedModelsJson(limits))
                .update();
        forget(GatewayKeySecrets.hash(secret));
        return new CreatedGatewayKey(id, name, secret);
    }

    /** Makes the revoked key holding this secret work again; whether there was one. */
    boolean reactivate(String secret) {
        var hash = GatewayKeySecrets.hash(secret);
        var changed = jdbc.sql("UPDATE gateway_keys SET active = TRUE WHERE key_hash = ? AND active = FALSE").param(hash).update() > 0;
        forget(hash);
        return changed;
    }

    boolean existsWithSecret(String secret) {
        return jdbc.sql("SELECT COUNT(*) FROM gateway_keys WHERE key_hash = ?")
                .param(GatewayKeySecrets.hash(secret)).query(Long.class).single() > 0;
    }

    /** The caller that this secret authenticates, if the key and its user are active and the key has not expired. */
    Optional<Caller> authenticate(String secret) {
        var now = System.currentTimeMillis();
        return byHash.get(GatewayKeySecrets.hash(secret), this::load)
                .filter(entry -> entry.expiresAtMillis() == null || entry.expiresAtMillis() > now)
                .map(KeyEntry::caller);
    }

    /**
     * Forgets the cached keys of that user, so that a change to the user (deactivated, reactivated, demoted, mode) applies
     * at once: the entries that resolved to the user, and the misses cached for its keys while it was inactive.
     */
    void invalidateUser(String userId) {
        forgetUser(userId);
        events.publishEvent(Invalidation.of(Invalidation.Scope.USER, userId));
    }

    /** {@link #invalidateUser} on this instance only (another instance's change). */
    void forgetUser(String userId) {
        byHash.asMap().entrySet().removeIf(e -> e.getValue().map(k -> userId.equals(k.caller().userId())).orElse(false));
        byHash.invalidateAll(jdbc.sql("SELECT key_hash FROM gateway_keys WHERE user_id = ?").param(userId).query(String.class).list());
    }

    /** Forgets what the cache holds for that key hash (a gateway key's or an API client's), here and on other instances. */
    void forget(String hash) {
        forgetHash(hash);
        events.publishEvent(Invalidation.of(Invalidation.Scope.KEY, hash));
    }

    void forgetHash(String hash) {
        byHash.invalidate(hash);
    }

    /**
     * Revokes the keys that an earlier {@code SWITCHBOARD_ADMIN_API_KEY} created under {@code name}, except the one holding
     * {@code keep}: the setting names one key, so the key it replaced stops working.
     */
    int revokeReplaced(String name, String keep) {
        var stale = jdbc.sql("SELECT id, key_hash FROM gateway_keys WHERE name = ? AND active = TRUE AND key_hash <> ?")
                .params(name, GatewayKeySecrets.hash(keep)).query((rs, i) -> java.util.List.of(rs.getString(1), rs.getString(2))).list();
        for (var key : stale) {
            jdbc.sql("UPDATE gateway_keys SET active = FALSE WHERE id = ?").param(key.get(0)).update();
            forget(key.get(1));
        }
        return stale.size();
    }

    /** A gateway key's caller, or else an API client's: both kinds of key share the hashing and this cache. */
    private Optional<KeyEntry> load(String hash) {
        return loadKey(hash).or(() -> ApiClients.entry(jdbc, hash));
    }

    private Optional<KeyEntry> loadKey(String hash) {
        return jdbc.sql("""
                SELECT k.id, k.admin, k.expires_at, k.rpm_limit, k.tpm_limit, k.daily_budget_nano, k.monthly_budget_nano, k.allowed_models,
                       u.id AS user_id, u.email, u.role, u.has_subscription, u.trial_until, s.llm_mode
                FROM gateway_keys k JOIN users u ON u.id = k.user_id LEFT JOIN user_settings s ON s.user_id = u.id
                WHERE k.key_hash = ? AND k.active = TRUE AND u.active = TRUE""")
                .param(hash)
                .query((rs, i) -> {
                    var expiresAt = rs.getLong("expires_at");
                    var expires = rs.wasNull() ? null : expiresAt;
                    var role = rs.getBoolean("admin") && Role.valueOf(rs.getString("role")) == Role.ADMIN ? Role.ADMIN : Role.USER;
                    var mode = LlmMode.fromWire(rs.getString("llm_mode")).orElse(LlmMode.MEMBER);
                    var caller = new Caller(rs.getString("user_id"), rs.getString("email"), role, rs.getString("id"), mode, ByokHeader.NONE,
                            null, ApiClients.limits(rs), Users.subscription(rs));
                    return new KeyEntry(caller, expires);
                })
                .optional();
    }

    record KeyEntry(Caller caller, Long expiresAtMillis) {
    }

    public record CreatedGatewayKey(String id, String name, String secret) {

        @Override
        public String toString() {
            return "CreatedGatewayKey[" + id + ", " + name + "]";
        }
    }

    /** A key as its owner may see it: everything but the secret. */
    public record GatewayKeyInfo(String id, String name, String tail, boolean admin, long createdAtMillis, Long expiresAtMillis, Limits limits) {
    }
}
