package dev.switchboard.vault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' own provider keys, one per user and provider, sealed with {@link SecretBox} and bound to their row id. Only
 * the last four characters are kept in clear, for the masked status. Looked up through a short cache of the sealed
 * rows (never of plaintext); a change invalidates it at once on this instance.
 */
@Service
public class UserKeys {

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Cache<String, Optional<SealedKey>> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    UserKeys(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    /** Stores (or replaces) the user's key for that provider; the key obeys {@link KeyInput#secret} (field {@code api_key}). */
    @Transactional
    public void put(String userId, String providerId, String key) {
        var apiKey = KeyInput.secret("api_key", key);
        var now = System.currentTimeMillis();
        var existing = jdbc.sql("SELECT id FROM user_provider_keys WHERE user_id = ? AND provider_id = ?")
                .params(userId, providerId).query(String.class).optional();
        var id = existing.orElseGet(() -> UUID.randomUUID().toString());
        var sealed = box.seal(apiKey, boundTo(id));
        if (existing.isPresent()) {
            jdbc.sql("UPDATE user_provider_keys SET sealed_key = ?, key_tail = ?, updated_at = ? WHERE id = ?")
                    .params(sealed, tail(apiKey), now, id).update();
        } else {
            jdbc.sql("""
                    INSERT INTO user_provider_keys (id, user_id, provider_id, sealed_key, key_tail, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, userId, providerId, sealed, tail(apiKey), now, now).update();
        }
        cache.invalidate(cacheKey(userId, providerId));
    }

    /** Removes the user's key for that provider; whether there was one. */
    public boolean delete(String userId, String providerId) {
        var deleted = jdbc.sql("DELETE FROM user_provider_keys WHERE user_id = ? AND provider_id = ?").params(userId, providerId).update();
        cache.invalidate(cacheKey(userId, providerId));
        return deleted > 0;
    }

    /** Which providers the user holds a key for, each with a masked tail: never the key. */
    public List<KeyStatus> status(String userId) {
        return jdbc.sql("SELECT provider_id, key_tail, updated_at FROM user_provider_keys WHERE user_id = ? ORDER BY provider_id")
                .param(userId)
                .query((rs, i) -> new KeyStatus(rs.getString("provider_id"), "****" + rs.getString("key_tail"), rs.getLong("updated_at")))
                .list();
    }

    boolean has(String userId, String providerId) {
        return sealed(userId, providerId).isPresent();
    }

    /** The user's key for that provider, opened: for one upstream call, never to keep. */
    Optional<Credential> credential(String userId, String providerId) {
        return sealed(userId, providerId)
                .map(k -> new Credential(Credential.Kind.USER_KEY, k.id(), box.open(k.sealed(), boundTo(k.id()))));
    }

    private Optional<SealedKey> sealed(String userId, String providerId) {
        return cache.get(cacheKey(userId, providerId), k -> jdbc.sql(
                        "SELECT id, sealed_key FROM user_provider_keys WHERE user_id = ? AND provider_id = ?")
                .params(userId, providerId)
                .query((rs, i) -> new SealedKey(rs.getString("id"), rs.getString("sealed_key")))
                .optional());
    }

    /** What a user's key is bound to when sealed: its row. */
    static String boundTo(String rowId) {
        return "user_provider_keys/" + rowId;
    }

    private static String tail(String apiKey) {
        return apiKey.length() >= 12 ? apiKey.substring(apiKey.length() - 4) : "";
    }

    private static String cacheKey(String userId, String providerId) {
        return userId + "\n" + providerId;
    }

    private record SealedKey(String id, String sealed) {
    }

    /** A stored key as the owner may see it: the provider and a masked tail ({@code ****abcd}). */
    public record KeyStatus(String providerId, String masked, long updatedAtMillis) {
    }
}
