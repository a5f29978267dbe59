package dev.switchboard.metering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.switchboard.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the calls rendered from a prompt template did, per version, read from the usage records that name it: how many,
 * the share that succeeded, the average tokens, the total cost and the median latency.
 */
@Service
public class TemplateUsage {

    private final JdbcClient jdbc;

    TemplateUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record VersionUsage(int version, long calls, long succeeded, double averageInputTokens, double averageOutputTokens,
                               Money cost, long medianLatencyMillis) {
    }

    /** Each version that served at least one call, by number. */
    public List<VersionUsage> of(String templateId) {
        var byVersion = new TreeMap<Integer, List<long[]>>();
        jdbc.sql("""
                SELECT template_version, status, input_tokens, output_tokens, cost_nano_usd, latency_ms FROM usage_records
                WHERE template_id = ? ORDER BY latency_ms""")
                .param(templateId)
                .query(rs -> {
                    byVersion.computeIfAbsent(rs.getInt("template_version"), v -> new ArrayList<>()).add(new long[]{
                            Outcome.OK.wire().equals(rs.getString("status")) ? 1 : 0, rs.getLong("input_tokens"),
                            rs.getLong("output_tokens"), rs.getLong("cost_nano_usd"), rs.getLong("latency_ms")});
                });
        return byVersion.entrySet().stream().map(TemplateUsage::usage).toList();
    }

    /** The rows come ordered by latency, so the median is the middle one (the lower of the two middle ones). */
    private static VersionUsage usage(Map.Entry<Integer, List<long[]>> entry) {
        var rows = entry.getValue();
        long ok = 0, in = 0, out = 0, cost = 0;
        for (var row : rows) {
            ok += row[0];
            in += row[1];
            out += row[2];
            cost += row[3];
        }
        var n = rows.size();
        return new VersionUsage(entry.getKey(), n, ok, (double) in / n, (double) out / n, Money.ofNanos(cost), rows.get((n - 1) / 2)[4]);
    }
}
