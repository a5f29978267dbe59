package dev.switchboard.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import dev.switchboard.money.BillingCalendar;

/**
 * The billing days a report covers, {@code [from, to)} as instants: the last {@code days} billing days (today included),
 * or the dates {@code from} to {@code to} (both inclusive, {@code YYYY-MM-DD} in the billing zone). Bad input is a
 * {@link BadReportParameter} naming the parameter.
 */
public record ReportRange(LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {

    /** Ten years: more is a mistake, not a report. */
    public static final int MAX_DAYS = 3660;

    public static ReportRange lastDays(BillingCalendar calendar, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new BadReportParameter("days", "'days' must be between 1 and " + MAX_DAYS + ".");
        }
        var today = calendar.today();
        return of(calendar, today.minusDays(days - 1L), today);
    }

    /**
     * From the query parameters, each optional: {@code days} alone (or nothing: {@code defaultDays}); {@code from} and/or
     * {@code to} (a missing {@code to} is today, a missing {@code from} is {@code days} before {@code to}).
     */
    public static ReportRange resolve(BillingCalendar calendar, Integer days, String from, String to, int defaultDays) {
        if (from == null && to == null) {
            return lastDays(calendar, days == null ? defaultDays : days);
        }
        if (from != null && days != null) {
            throw new BadReportParameter("days", "Give 'days' or 'from', not both.");
        }
        var last = to == null ? calendar.today() : date("to", to);
        var span = days == null ? defaultDays : days;
        if (from == null && (span < 1 || span > MAX_DAYS)) {
            throw new BadReportParameter("days", "'days' must be between 1 and " + MAX_DAYS + ".");
        }
        var first = from == null ? last.minusDays(span - 1L) : date("from", from);
        if (first.isAfter(last)) {
            throw new BadReportParameter("from", "'from' (" + first + ") is after 'to' (" + last + ").");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
            throw new BadReportParameter("from", "'from' to 'to' spans more than " + MAX_DAYS + " days.");
        }
        return of(calendar, first, last);
    }

    /** The same range widened to whole billing months (for monthly granularity). */
    public ReportRange wholeMonths(BillingCalendar calendar) {
        return of(calendar, YearMonth.from(firstDay).atDay(1), YearMonth.from(lastDay).atEndOfMonth());
    }

    public long days() {
        return lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
    }

    private static ReportRange of(BillingCalendar calendar, LocalDate first, LocalDate last) {
        var zone = calendar.zone();
        return new ReportRange(first, last, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadReportParameter(name, "'" + name + "' must be a date such as 2026-11-30, not '" + value + "'.");
        }
    }

    /** A report parameter that cannot be served; the message names it. */
    public static final class BadReportParameter extends RuntimeException {
        private final String parameter;

        public BadReportParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
