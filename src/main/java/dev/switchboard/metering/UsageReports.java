package dev.switchboard.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.switchboard.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reports over the usage log. Days are UTC days; amounts are sums of the exact per-request costs. */
@Service
public class UsageReports {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private final JdbcClient jdbc;

    UsageReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One user's usage over the last {@code days} UTC days, today included. */
    public UserUsage userUsage(String userId, int days) {
        var since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        var from = since.toEpochMilli();
        var total = jdbc.sql("""
                SELECT COUNT(*) AS requests, COALESCE(SUM(input_tokens), 0) AS input_tokens,
                       COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(cost_nano_usd), 0) AS cost
                FROM usage_records WHERE user_id = ? AND created_at >= ?""")
                .params(userId, from)
                .query((rs, i) -> new Totals(rs.getLong("requests"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                        Money.ofNanos(rs.getLong("cost"))))
                .single();
        var byModel = jdbc.sql("""
                SELECT model, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
                       SUM(cost_nano_usd) AS cost
                FROM usage_records WHERE user_id = ? AND created_at >= ?
                GROUP BY model ORDER BY model""")
                .params(userId, from)
                .query((rs, i) -> new ModelUsage(rs.getString("model"), totalsOf(rs)))
                .list();
        var byDay = jdbc.sql("""
                SELECT created_at / ? AS day, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens,
                       SUM(output_tokens) AS output_tokens, SUM(cost_nano_usd) AS cost
                FROM usage_records WHERE user_id = ? AND created_at >= ?
                GROUP BY day ORDER BY day""")
                .params(DAY_MILLIS, userId, from)
                .query((rs, i) -> new DayUsage(LocalDate.ofEpochDay(rs.getLong("day")), totalsOf(rs)))
                .list();
        return new UserUsage(days, since, total, byModel, byDay);
    }

    private static Totals totalsOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Totals(rs.getLong("requests"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                Money.ofNanos(rs.getLong("cost")));
    }

    public record Totals(long requests, long inputTokens, long outputTokens, Money cost) {
    }

    public record ModelUsage(String model, Totals totals) {
    }

    public record DayUsage(LocalDate day, Totals totals) {
    }

    public record UserUsage(int days, Instant since, Totals total, List<ModelUsage> byModel, List<DayUsage> byDay) {
    }
}
