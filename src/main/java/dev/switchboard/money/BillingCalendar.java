package dev.switchboard.money;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where a billing day and month begin: {@code SWITCHBOARD_BILLING_TIME_ZONE} (UTC by default). Daily and monthly limits
 * (the key pool's now, budgets' later) reset at these boundaries. The clock is a bean, so tests move time.
 */
@Component
public class BillingCalendar {

    private final Clock clock;
    private final ZoneId zone;

    BillingCalendar(Clock clock, Settings settings) {
        this.clock = clock;
        this.zone = settings.timeZone();
    }

    /** {@code switchboard.billing.*}: the time zone of billing days and months. */
    @ConfigurationProperties("switchboard.billing")
    public record Settings(ZoneId timeZone) {
        public Settings {
            timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        }
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), zone);
    }

    public YearMonth month() {
        return YearMonth.from(today());
    }

    /** When the current billing day began (inclusive). */
    public Instant startOfDay() {
        return today().atStartOfDay(zone).toInstant();
    }

    /** When the current billing month began (inclusive). */
    public Instant startOfMonth() {
        return month().atDay(1).atStartOfDay(zone).toInstant();
    }

    /** When the next billing day begins. */
    public Instant nextDay() {
        return today().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** When the next billing month begins. */
    public Instant nextMonth() {
        return month().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }
}
