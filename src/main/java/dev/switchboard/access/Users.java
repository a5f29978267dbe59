package dev.switchboard.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table, with each user's mode (from user_settings). */
@Repository
class Users {

    private static final String SELECT = """
            SELECT u.id, u.email, u.password_hash, u.full_name, u.role, u.active, u.created_at, u.credentials_changed_at,
                   u.has_subscription, u.trial_until, COALESCE(s.llm_mode, 'member') AS llm_mode
            FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
            """;

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> idByEmail(String email) {
        return jdbc.sql("SELECT id FROM users WHERE email = ?").param(normalize(email)).query(String.class).optional();
    }

    String insert(String email, String passwordHash, String fullName, Role role) {
        var id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, full_name, role, active, created_at)
                VALUES (?, ?, ?, ?, ?, TRUE, ?)""")
                .params(id, normalize(email), passwordHash, fullName, role.name(), System.currentTimeMillis())
                .update();
        return id;
    }

    Optional<UserRow> byId(String id) {
        return jdbc.sql(SELECT + "WHERE u.id = ?").param(id).query(Users::row).optional();
    }

    Optional<UserRow> byEmail(String email) {
        return jdbc.sql(SELECT + "WHERE u.email = ?").param(normalize(email)).query(Users::row).optional();
    }

    List<UserRow> list(int offset, int limit) {
        return jdbc.sql(SELECT + "ORDER BY u.created_at, u.id LIMIT ? OFFSET ?").params(limit, offset).query(Users::row).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    void updateRole(String id, Role role) {
        jdbc.sql("UPDATE users SET role = ? WHERE id = ?").params(role.name(), id).update();
    }

    /** A new password hash; access tokens issued before {@code changedAtMillis} stop working. */
    void updatePassword(String id, String passwordHash, long changedAtMillis) {
        jdbc.sql("UPDATE users SET password_hash = ?, credentials_changed_at = ? WHERE id = ?").params(passwordHash, changedAtMillis, id).update();
    }

    void updateActive(String id, boolean active) {
        jdbc.sql("UPDATE users SET active = ? WHERE id = ?").params(active, id).update();
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static UserRow row(ResultSet rs, int i) throws SQLException {
        return new UserRow(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"), rs.getString("full_name"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("active"), rs.getLong("created_at"),
                LlmMode.fromWire(rs.getString("llm_mode")).orElse(LlmMode.MEMBER), rs.getLong("credentials_changed_at"), subscription(rs));
    }

    /** The subscription columns of a row that selected {@code has_subscription} and {@code trial_until}. */
    static Subscription subscription(ResultSet rs) throws SQLException {
        var active = rs.getBoolean("has_subscription");
        var trial = rs.getLong("trial_until");
        return new Subscription(active, rs.wasNull() ? null : trial);
    }

    /** An admin's change to a user's subscription: each null part is left as it is; {@code clearTrial} removes the trial. */
    void updateSubscription(String id, Boolean active, Long trialUntilMillis, boolean clearTrial) {
        if (active != null) {
            jdbc.sql("UPDATE users SET has_subscription = ? WHERE id = ?").params(active, id).update();
        }
        if (trialUntilMillis != null || clearTrial) {
            jdbc.sql("UPDATE users SET trial_until = ? WHERE id = ?").params(trialUntilMillis, id).update();
        }
    }

    /** A user as stored; {@link #toString()} leaves the password hash out. */
    record UserRow(String id, String email, String passwordHash, String fullName, Role role, boolean active,
                   long createdAtMillis, LlmMode llmMode, long credentialsChangedAtMillis, Subscription subscription) {

        Account account(CreditLedger.Balance credits) {
            return new Account(id, email, fullName, role, active, createdAtMillis, llmMode, credits.granted(), credits.remaining(), subscription);
        }

        Caller caller() {
            return new Caller(id, email, role, null, llmMode, ByokHeader.NONE, null, Limits.NONE, subscription);
        }

        @Override
        public String toString() {
            return "UserRow[" + id + ", " + email + ", " + role + ", active=" + active + "]";
        }
    }
}
