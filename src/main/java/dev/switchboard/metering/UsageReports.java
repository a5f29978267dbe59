package dev.switchboard.metering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reports over the usage log, read from its rollups (never from the raw records, which are pruned): amounts are sums of
 * the exact per-request costs, so every total equals its parts to the nano-dollar. Days and months are billing days
 * ({@code SWITCHBOARD_BILLING_TIME_ZONE}); hours are UTC hours.
 */
@Service
public class UsageReports {

    private final JdbcClient jdbc;
    private final BillingCalendar calendar;

    UsageReports(JdbcClient jdbc, BillingCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** One user's usage over the last {@code days} billing days, today included. */
    public UserUsage userUsage(String userId, int days) {
        var range = ReportRange.lastDays(calendar, days);
        var byModel = report(GroupBy.MODEL, range, userId).rows().stream()
                .map(r -> new ModelUsage(r.keys().getFirst(), r.totals())).toList();
        var byDay = report(GroupBy.DAY, range, userId).rows().stream()
                .map(r -> new DayUsage(LocalDate.parse(r.keys().getFirst()), r.totals())).toList();
        return new UserUsage(days, range.from(), Totals.sum(byModel.stream().map(ModelUsage::totals).toList()), byModel, byDay);
    }

    /** Everyone's usage over {@code range}, one row per {@code groupBy} value, and their sum. */
    public Report report(GroupBy groupBy, ReportRange range) {
        return report(groupBy, range, null);
    }

    private Report report(GroupBy groupBy, ReportRange range, String userId) {
        var columns = String.join(", ", groupBy.columns());
        var spans = RollupSpans.of(groupBy, range, calendar.zone());
        var sql = new StringBuilder("SELECT ").append(columns).append("""
                , SUM(requests) AS requests, SUM(successful_requests) AS successes, SUM(input_tokens) AS input_tokens,
                  SUM(output_tokens) AS output_tokens, SUM(cost_nano_usd) AS cost
                FROM usage_rollups WHERE (""").append(spans.where()).append(")");
        var params = new ArrayList<Object>(spans.params());
        if (userId != null) {
            sql.append(" AND user_id = ?");
            params.add(userId);
        }
        sql.append(" GROUP BY ").append(columns).append(" ORDER BY ").append(columns);
        var zone = calendar.zone();
        var rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> row(groupBy, zone, rs)).list();
        return new Report(groupBy, range, rows, Totals.sum(rows.stream().map(Row::totals).toList()));
    }

    private static Row row(GroupBy groupBy, ZoneId zone, ResultSet rs) throws SQLException {
        var keys = new ArrayList<String>(2);
        var grain = groupBy.grain();
        if (grain.isPresent()) {
            keys.add(grain.get().label(rs.getLong("bucket"), zone));
        } else {
            for (var column : groupBy.columns()) {
                var value = rs.getString(column);
                keys.add(value == null || value.isEmpty() ? null : value);
            }
        }
        return new Row(keys, new Totals(rs.getLong("requests"), rs.getLong("successes"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), Money.ofNanos(rs.getLong("cost"))));
    }

    public record Totals(long requests, long successfulRequests, long inputTokens, long outputTokens, Money cost) {

        public static final Totals NONE = new Totals(0, 0, 0, 0, Money.ZERO);

        Totals plus(Totals o) {
            return new Totals(requests + o.requests, successfulRequests + o.successfulRequests, inputTokens + o.inputTokens,
                    outputTokens + o.outputTokens, cost.plus(o.cost));
        }

        static Totals sum(List<Totals> parts) {
            return parts.stream().reduce(NONE, Totals::plus);
        }
    }

    /** One row of a report: the values of {@link GroupBy#fields()} (null for none: an env key has no user), and its sums. */
    public record Row(List<String> keys, Totals totals) {
    }

    public record Report(GroupBy groupBy, ReportRange range, List<Row> rows, Totals total) {
    }

    public record ModelUsage(String model, Totals totals) {
    }

    public record DayUsage(LocalDate day, Totals totals) {
    }

    public record UserUsage(int days, Instant since, Totals total, List<ModelUsage> byModel, List<DayUsage> byDay) {
    }
}
