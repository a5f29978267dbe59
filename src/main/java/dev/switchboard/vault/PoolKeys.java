package dev.switchboard.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The provider_keys table (the keys' spending comes from metering's {@code CredentialUsage}). */
@Repository
class PoolKeys {

    private static final String COLUMNS = """
            id, provider_id, name, description, sealed_key, key_masked, base_url, daily_limit_nano, monthly_limit_nano,
            total_limit_nano, expires_at, priority, is_default, enabled, invalid_since, created_at, updated_at""";

    private final JdbcClient jdbc;

    PoolKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PoolKey> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provider_keys ORDER BY provider_id, created_at, id").query(PoolKeys::row).list();
    }

    Optional<PoolKey> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provider_keys WHERE id = ?").param(id).query(PoolKeys::row).optional();
    }

    boolean providerExists(String providerId) {
        return jdbc.sql("SELECT COUNT(*) FROM providers WHERE id = ?").param(providerId).query(Long.class).single() > 0;
    }

    boolean nameTaken(String providerId, String name, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM provider_keys WHERE provider_id = ? AND name = ? AND id <> ?")
                .params(providerId, name, exceptId == null ? "" : exceptId).query(Long.class).single() > 0;
    }

    void insert(PoolKey k) {
        jdbc.sql("INSERT INTO provider_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(k.id(), k.providerId(), k.name(), k.description(), k.sealedKey(), k.masked(), k.baseUrl(), k.dailyLimitNanos(),
                        k.monthlyLimitNanos(), k.totalLimitNanos(), k.expiresAt(), k.priority(), k.isDefault(), k.enabled(),
                        k.invalidSince(), k.createdAt(), k.updatedAt())
                .update();
    }

    void update(PoolKey k) {
        jdbc.sql("""
                UPDATE provider_keys SET name = ?, description = ?, base_url = ?, daily_limit_nano = ?, monthly_limit_nano = ?,
                    total_limit_nano = ?, expires_at = ?, priority = ?, is_default = ?, enabled = ?, invalid_since = ?, updated_at = ?
                WHERE id = ?""")
                .params(k.name(), k.description(), k.baseUrl(), k.dailyLimitNanos(), k.monthlyLimitNanos(), k.totalLimitNanos(),
                        k.expiresAt(), k.priority(), k.isDefault(), k.enabled(), k.invalidSince(), k.updatedAt(), k.id())
                .update();
    }

    /** A new secret for the key: sealed and masked anew, and out of the invalid state its old secret may have put it in. */
    void replaceSecret(String id, String sealedKey, String masked, long now) {
        jdbc.sql("UPDATE provider_keys SET sealed_key = ?, key_masked = ?, invalid_since = NULL, updated_at = ? WHERE id = ?")
                .params(sealedKey, masked, now, id).update();
    }

    void clearDefault(String providerId) {
        jdbc.sql("UPDATE provider_keys SET is_default = FALSE WHERE provider_id = ? AND is_default").param(providerId).update();
    }

    void markInvalid(String id, long since) {
        jdbc.sql("UPDATE provider_keys SET invalid_since = ? WHERE id = ? AND invalid_since IS NULL").params(since, id).update();
    }

    void clearInvalid(String id) {
        jdbc.sql("UPDATE provider_keys SET invalid_since = NULL WHERE id = ?").param(id).update();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM provider_keys WHERE id = ?").param(id).update() > 0;
    }

    private static PoolKey row(ResultSet rs, int i) throws SQLException {
        return new PoolKey(rs.getString("id"), rs.getString("provider_id"), rs.getString("name"), rs.getString("description"),
                rs.getString("sealed_key"), rs.getString("key_masked"), rs.getString("base_url"), nullableLong(rs, "daily_limit_nano"),
                nullableLong(rs, "monthly_limit_nano"), nullableLong(rs, "total_limit_nano"), nullableLong(rs, "expires_at"),
                rs.getInt("priority"), rs.getBoolean("is_default"), rs.getBoolean("enabled"), nullableLong(rs, "invalid_since"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
