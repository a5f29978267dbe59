package dev.switchboard.access;

import java.util.Optional;

import dev.switchboard.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user_settings table (one row per user who saved settings) and credit_alerts (one per user who set one). */
@Repository
class Preferences {

    private final JdbcClient jdbc;

    Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Settings> of(Users.UserRow user) {
        return jdbc.sql("SELECT * FROM user_settings WHERE user_id = ?").param(user.id())
                .query((rs, i) -> new Settings(user.email(), user.fullName(), rs.getString("username"),
                        rs.getString("first_name"), rs.getString("last_name"), rs.getBoolean("email_notifications"),
                        rs.getBoolean("marketing_emails"), LlmMode.fromWire(rs.getString("llm_mode")).orElse(LlmMode.MEMBER),
                        rs.getString("byok_provider")))
                .optional();
    }

    static Settings defaults(Users.UserRow user) {
        return new Settings(user.email(), user.fullName(), null, null, null, true, false, LlmMode.MEMBER, null);
    }

    void save(String userId, Settings settings) {
        var updated = jdbc.sql("""
                UPDATE user_settings SET username = ?, first_name = ?, last_name = ?, email_notifications = ?,
                       marketing_emails = ?, llm_mode = ?, byok_provider = ?, updated_at = ? WHERE user_id = ?""")
                .params(settings.username(), settings.firstName(), settings.lastName(), settings.emailNotifications(),
                        settings.marketingEmails(), settings.llmMode().wire(), settings.byokProvider(),
                        System.currentTimeMillis(), userId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO user_settings (user_id, username, first_name, last_name, email_notifications, marketing_emails,
                                               llm_mode, byok_provider, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(userId, settings.username(), settings.firstName(), settings.lastName(),
                            settings.emailNotifications(), settings.marketingEmails(), settings.llmMode().wire(),
                            settings.byokProvider(), System.currentTimeMillis())
                    .update();
        }
    }

    Optional<Money> creditAlert(String userId) {
        return jdbc.sql("SELECT below_nano FROM credit_alerts WHERE user_id = ?").param(userId).query(Long.class).optional().map(Money::ofNanos);
    }

    void saveCreditAlert(String userId, Money below) {
        jdbc.sql("DELETE FROM credit_alerts WHERE user_id = ?").param(userId).update();
        if (below != null) {
            jdbc.sql("INSERT INTO credit_alerts (user_id, below_nano, updated_at) VALUES (?, ?, ?)")
                    .params(userId, below.nanoUsd(), System.currentTimeMillis()).update();
        }
    }

    void saveFullName(String userId, String fullName) {
        jdbc.sql("UPDATE users SET full_name = ? WHERE id = ?").params(fullName, userId).update();
    }
}
