package dev.switchboard.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup rows answer a report, as a WHERE clause over {@code (grain, bucket)}, the leading columns of the rollups'
 * primary key. A report by hour reads hourly rows, rounded to UTC hours (in a zone such as +05:30 its first and last
 * hour straddle the billing day's edge: the range is taken from the UTC hour in which that day begins); by day, daily
 * rows; by month, monthly rows. A report by a dimension reads monthly rows for the whole billing months inside the
 * range and daily rows for the days at either end, so a year costs twelve rows per dimension value, not 365.
 */
record RollupSpans(String where, List<Object> params) {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    static RollupSpans of(GroupBy groupBy, ReportRange range, ZoneId zone) {
        var grain = groupBy.grain();
        if (grain.isPresent() && grain.get() == Grain.HOUR) {
            return new Builder().add(Grain.HOUR, floorHour(range.from()), floorHour(range.to())).build();
        }
        if (grain.isPresent()) {
            return new Builder().add(grain.get(), range.from().toEpochMilli(), range.to().toEpochMilli()).build();
        }
        var firstFull = YearMonth.from(range.firstDay().minusDays(1)).plusMonths(1).atDay(1);
        var endFull = YearMonth.from(range.lastDay().plusDays(1)).atDay(1);
        if (!firstFull.isBefore(endFull)) {
            return new Builder().add(Grain.DAY, range.from().toEpochMilli(), range.to().toEpochMilli()).build();
        }
        return new Builder()
                .add(Grain.DAY, range.from().toEpochMilli(), start(firstFull, zone))
                .add(Grain.MONTH, start(firstFull, zone), start(endFull, zone))
                .add(Grain.DAY, start(endFull, zone), range.to().toEpochMilli())
                .build();
    }

    private static long floorHour(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    }

    private static long start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static final class Builder {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        Builder add(Grain grain, long from, long to) {
            if (from < to) {
                clauses.add("(grain = ? AND bucket >= ? AND bucket < ?)");
                params.addAll(List.of(grain.code(), from, to));
            }
            return this;
        }

        RollupSpans build() {
            return clauses.isEmpty() ? new RollupSpans("1 = 0", List.of()) : new RollupSpans(String.join(" OR ", clauses), params);
        }
    }
}
