package dev.switchboard.budget;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a budget has spent so far, read from the usage log (the one source of truth): the costs of its records since its
 * period began, or for credits the credits its user's records cost. Counters start from here and then count for
 * themselves; the organisation's limits count managed credentials only (a user's own key costs the organisation nothing).
 */
@Component
class SpentSince {

    private final JdbcClient jdbc;

    SpentSince(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long spent(Budget budget) {
        var since = budget.since() == null ? 0 : budget.since().toEpochMilli();
        var sql = switch (budget.kind()) {
            case CLIENT_DAILY, CLIENT_MONTHLY -> "SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_records WHERE client_id = :owner AND created_at >= :since";
            case KEY_DAILY, KEY_MONTHLY -> "SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_records WHERE gateway_key_id = :owner AND created_at >= :since";
            case ORG_DAILY, ORG_MONTHLY -> "SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_records WHERE created_at >= :since "
                    + "AND credential_kind IN ('pool', 'env', 'none')";
            case CREDITS -> "SELECT COALESCE(SUM(credits_nano_usd), 0) FROM usage_records WHERE user_id = :owner AND created_at >= :since";
        };
        return jdbc.sql(sql).param("owner", budget.ownerId()).param("since", since).query(Long.class).single();
    }
}
