package dev.switchboard.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The database answers a {@code SELECT 1} (through the pool, as every request's reads do). */
@Component
class DatabaseReadiness implements ReadinessCheck {

    private final JdbcTemplate jdbc;

    DatabaseReadiness(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result check() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return Result.up("answers");
        } catch (RuntimeException e) {
            return Result.down("does not answer: " + e.getClass().getSimpleName());
        }
    }
}
