package dev.switchboard.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The three sizes of rollup bucket. A bucket is named by the instant it starts (epoch milliseconds), so rows of every
 * grain compare with one time range. Hours are UTC hours. Days and months are the billing zone's
 * ({@code SWITCHBOARD_BILLING_TIME_ZONE}), and each record is put in the day and month of its own instant: in a zone
 * that is not a whole number of hours from UTC (India's +05:30, Nepal's +05:45) a day is still exactly its records,
 * never a sum of UTC hours that straddle its midnight.
 */
public enum Grain {
    HOUR("h"), DAY("d"), MONTH("m");

    private static final long HOUR_MILLIS = 3_600_000L;
    private final String code;

    Grain(String code) {
        this.code = code;
    }

    /** The one-letter form stored in {@code usage_rollups.grain}. */
    String code() {
        return code;
    }

    /** The start of the bucket that holds {@code epochMillis}. */
    long bucketOf(long epochMillis, ZoneId zone) {
        return switch (this) {
            case HOUR -> Math.floorDiv(epochMillis, HOUR_MILLIS) * HOUR_MILLIS;
            case DAY -> startOf(LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone), zone);
            case MONTH -> startOf(YearMonth.from(LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone)).atDay(1), zone);
        };
    }

    /** How a bucket is named in a report: {@code 2026-11-30T10:00:00Z}, {@code 2026-11-30}, {@code 2026-11}. */
    String label(long bucketStart, ZoneId zone) {
        var start = Instant.ofEpochMilli(bucketStart);
        return switch (this) {
            case HOUR -> start.toString();
            case DAY -> LocalDate.ofInstant(start, zone).toString();
            case MONTH -> YearMonth.from(LocalDate.ofInstant(start, zone)).toString();
        };
    }

    private static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
