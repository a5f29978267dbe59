package dev.switchboard.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do with the key pool: add keys (sealed at once; the plaintext is never returned again), change their
 * settings, switch them on and off, choose the default, delete them (their usage history stays), and read each key's
 * status and spending. Every change reaches the in-memory {@link KeyPool} of this instance at once.
 */
@Service
public class PoolKeyAdmin {

    private final PoolKeys rows;
    private final KeyPool pool;
    private final SecretBox box;
    private final BillingCalendar calendar;
    private final Catalog catalog;

    PoolKeyAdmin(PoolKeys rows, KeyPool pool, SecretBox box, BillingCalendar calendar, Catalog catalog) {
        this.catalog = catalog;
        this.rows = rows;
        this.pool = pool;
        this.box = box;
        this.calendar = calendar;
    }

    /** A key to add; limits null for none. {@link #toString()} leaves the key out. */
    public record NewKey(String providerId, String name, String apiKey, String description, Money dailyLimit, Money monthlyLimit,
                         Money totalLimit, Instant expiresAt, int priority, boolean isDefault, String baseUrl) {
        @Override
        public String toString() {
            return "NewKey[" + providerId + ", " + name + "]";
        }
    }

    /** The settings a key keeps; a change replaces them all (the secret and the provider stay). */
    public record Settings(String name, String description, Money dailyLimit, Money monthlyLimit, Money totalLimit, Instant expiresAt,
                           int priority, String baseUrl) {
    }

    /** A key as admins see it: masked, with its status and spending. */
    public record View(String id, String providerId, String name, String description, String maskedKey, String baseUrl, Money dailyLimit,
                       Money monthlyLimit, Money totalLimit, Instant expiresAt, int priority, boolean isDefault, boolean active,
                       KeyStatus status, Money dailyCost, Money monthlyCost, Money totalCost, long totalRequests, long successfulRequests,
                       long failedRequests, Instant lastUsedAt, Instant cooldownUntil, Instant createdAt, Instant updatedAt) {
    }

    public boolean nameTaken(String providerId, String name, String exceptId) {
        return rows.nameTaken(providerId, name, exceptId);
    }

    /** The provider a key is for: one the catalog knows, or {@link KeyInput.Invalid} listing them. */
    public String provider(String providerId) {
        if (providerId == null || catalog.provider(providerId).isEmpty()) {
            throw new KeyInput.Invalid("provider", "must be one of: "
                    + String.join(", ", catalog.providers().stream().map(p -> p.id()).sorted().toList()) + ".");
        }
        return providerId;
    }

    /** A key's name ({@link KeyInput#name}), unique among that provider's keys other than {@code exceptId}. */
    public String name(String providerId, String name, String exceptId) {
        var checked = KeyInput.name("name", name);
        if (nameTaken(providerId, checked, exceptId)) {
            throw new KeyInput.Invalid("name", "is already used by another " + providerId + " key.");
        }
        return checked;
    }

    /**
     * Replaces a key's secret (the provider issued a new one): sealed to the same row, so its limits, statistics and
     * history stay; the key goes back into rotation. The secret obeys {@link KeyInput#secret}.
     */
    @Transactional
    public Optional<View> replaceSecret(String id, String apiKey) {
        var secret = KeyInput.secret("api_key", apiKey);
        return rows.byId(id).map(k -> {
            rows.replaceSecret(id, box.seal(secret, PoolKey.boundTo(id)), masked(secret), calendar.now().toEpochMilli());
            return reloaded(id);
        });
    }

    @Transactional
    public View add(NewKey key) {
        return add(key, true);
    }

    /** Why an imported key is not added: its provider is unknown here, or a key of that name exists; null when it is added. */
    String whyNotImported(String providerId, String name) {
        if (providerId.isBlank() || name.isBlank()) {
            return "no provider or name";
        }
        if (!providerExists(providerId)) {
            return "no provider '" + providerId + "' here";
        }
        return nameTaken(providerId, name, null) ? "a key of that name exists" : null;
    }

    private boolean providerExists(String providerId) {
        return rows.providerExists(providerId);
    }

    @Transactional
    View add(NewKey key, boolean enabled) {
        var id = UUID.randomUUID().toString();
        var now = calendar.now().toEpochMilli();
        if (key.isDefault()) {
            rows.clearDefault(key.providerId());
        }
        rows.insert(new PoolKey(id, key.providerId(), key.name(), key.description(), box.seal(key.apiKey(), PoolKey.boundTo(id)),
                masked(key.apiKey()), key.baseUrl(), nanos(key.dailyLimit()), nanos(key.monthlyLimit()), nanos(key.totalLimit()),
                millis(key.expiresAt()), key.priority(), key.isDefault(), enabled, null, now, now));
        return reloaded(id);
    }

    /** Changes a key's settings; an edit also takes an invalid key back into rotation (the admin has looked at it). */
    @Transactional
    public Optional<View> change(String id, Settings settings) {
        return rows.byId(id).map(k -> {
            rows.update(new PoolKey(k.id(), k.providerId(), settings.name(), settings.description(), k.sealedKey(), k.masked(),
                    settings.baseUrl(), nanos(settings.dailyLimit()), nanos(settings.monthlyLimit()), nanos(settings.totalLimit()),
                    millis(settings.expiresAt()), settings.priority(), k.isDefault(), k.enabled(), null, k.createdAt(),
                    calendar.now().toEpochMilli()));
            return reloaded(id);
        });
    }

    @Transactional
    public Optional<View> makeDefault(String id) {
        return rows.byId(id).map(k -> {
            rows.clearDefault(k.providerId());
            rows.update(with(k, true, k.enabled()));
            return reloaded(id);
        });
    }

    public Optional<View> switchOn(String id, boolean active) {
        return rows.byId(id).map(k -> {
            rows.update(with(k, k.isDefault(), active));
            return reloaded(id);
        });
    }

    public boolean delete(String id) {
        var deleted = rows.delete(id);
        pool.changed();
        return deleted;
    }

    /** A successful test takes an invalid key back into rotation. */
    public void validated(String id) {
        rows.clearInvalid(id);
        pool.changed();
    }

    public Optional<View> find(String id) {
        return pool.key(id).map(this::view);
    }

    public List<View> list() {
        return pool.keys().stream().map(this::view).toList();
    }

    /**
     * The key, opened, for an admin's test call, whatever its status: never returned to anyone. Its lease reserves
     * nothing; settling it books the test like any call (a refusal takes the key out of rotation, a rate limit cools it).
     */
    public Optional<Credential> credentialForTest(String id) {
        return pool.key(id).map(k -> new Credential(Credential.Kind.POOL, k.id(), box.open(k.sealedKey(), PoolKey.boundTo(k.id())),
                k.baseUrl(), new Lease(k.id(), 0)));
    }

    private PoolKey with(PoolKey k, boolean isDefault, boolean enabled) {
        return new PoolKey(k.id(), k.providerId(), k.name(), k.description(), k.sealedKey(), k.masked(), k.baseUrl(), k.dailyLimitNanos(),
                k.monthlyLimitNanos(), k.totalLimitNanos(), k.expiresAt(), k.priority(), isDefault, enabled, k.invalidSince(), k.createdAt(),
                calendar.now().toEpochMilli());
    }

    private View reloaded(String id) {
        pool.changed();
        return find(id).orElseThrow();
    }

    private View view(PoolKey k) {
        var spent = pool.spending(k);
        return new View(k.id(), k.providerId(), k.name(), k.description(), k.masked(), k.baseUrl(), money(k.dailyLimitNanos()),
                money(k.monthlyLimitNanos()), money(k.totalLimitNanos()), k.expiresAt() == null ? null : Instant.ofEpochMilli(k.expiresAt()),
                k.priority(), k.isDefault(), k.enabled(), pool.status(k, calendar.now().toEpochMilli()), Money.ofNanos(spent.dailyNanos()),
                Money.ofNanos(spent.monthlyNanos()), Money.ofNanos(spent.totalNanos()), spent.requests(), spent.successes(), spent.failures(),
                spent.lastUsedAt(), cooldown(spent.cooldownUntil()), Instant.ofEpochMilli(k.createdAt()), Instant.ofEpochMilli(k.updatedAt()));
    }

    private Instant cooldown(Instant until) {
        return until != null && until.isAfter(calendar.now()) ? until : null;
    }

    /**
     * Enough of a key to recognise it, as seed 003 shows it ({@code sk-or-v1-1234…abcd}): a prefix of at most a third
     * of the key (at most 12 characters) and the last four; a short key shows only its last four.
     */
    static String masked(String apiKey) {
        var key = apiKey.trim();
        if (key.length() < 12) {
            return "****";
        }
        var prefix = Math.min(12, key.length() / 3);
        return key.substring(0, prefix) + "…" + key.substring(key.length() - 4);
    }

    private static Long nanos(Money money) {
        return money == null ? null : money.nanoUsd();
    }

    private static Money money(Long nanos) {
        return nanos == null ? null : Money.ofNanos(nanos);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
