package dev.switchboard.access;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. */
@Repository
class Users {

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

    static String normalize(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
