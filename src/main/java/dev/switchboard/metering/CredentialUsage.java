package dev.switchboard.metering;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each credential of a kind has spent, from the rollups: all time (the monthly rows), this billing month and this
 * billing day. The key pool rebuilds its keys' spending from it at start; because rollups outlive the raw records, a
 * key's total survives the pruning of its old records.
 */
@Service
public class CredentialUsage {

    private final JdbcClient jdbc;

    CredentialUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential's spending in nano-USD, its requests (all time) and when it last served. */
    public record Spend(long dayNanos, long monthNanos, long totalNanos, long requests, long successes, long lastUsedAt) {
    }

    /** Per credential id of {@code kind} ({@code pool}, …), given the starts of the current billing day and month. */
    public Map<String, Spend> byCredential(String kind, Instant dayStart, Instant monthStart) {
        var totals = new HashMap<String, Spend>();
        jdbc.sql("""
                SELECT credential_id, SUM(cost_nano_usd) AS cost, SUM(requests) AS requests, SUM(successful_requests) AS successes,
                       MAX(last_at) AS last_at
                FROM usage_rollups WHERE credential_kind = ? AND grain = 'm' GROUP BY credential_id""")
                .param(kind)
                .query(rs -> {
                    totals.put(rs.getString("credential_id"), new Spend(0, 0, rs.getLong("cost"), rs.getLong("requests"),
                            rs.getLong("successes"), rs.getLong("last_at")));
                });
        var day = costIn(kind, "d", dayStart);
        var month = costIn(kind, "m", monthStart);
        var result = new HashMap<String, Spend>();
        totals.forEach((id, s) -> result.put(id, new Spend(day.getOrDefault(id, 0L), month.getOrDefault(id, 0L), s.totalNanos(),
                s.requests(), s.successes(), s.lastUsedAt())));
        return result;
    }

    private Map<String, Long> costIn(String kind, String grain, Instant bucket) {
        var costs = new HashMap<String, Long>();
        jdbc.sql("""
                SELECT credential_id, SUM(cost_nano_usd) AS cost FROM usage_rollups
                WHERE credential_kind = ? AND grain = ? AND bucket = ? GROUP BY credential_id""")
                .params(kind, grain, bucket.toEpochMilli())
                .query(rs -> {
                    costs.put(rs.getString("credential_id"), rs.getLong("cost"));
                });
        return costs;
    }
}
