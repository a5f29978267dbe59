package dev.switchboard.budget;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.budget.*}: the organisation's terms as given at start ({@code SWITCHBOARD_ORG_DAILY_LIMIT_USD},
 * {@code SWITCHBOARD_ORG_MONTHLY_LIMIT_USD}, {@code SWITCHBOARD_REQUIRE_SUBSCRIPTION}, {@code SWITCHBOARD_REQUIRE_CREDITS},
 * {@code SWITCHBOARD_NEW_USER_TRIAL_DAYS}); each one left unset keeps what an admin set last. {@code reservationDeadline}
 * is how long a reservation that no call settles (its instance died) holds shared counters; {@code refreshPeriod} how
 * often an instance re-reads terms that another instance changed.
 */
@ConfigurationProperties("switchboard.budget")
public record BudgetProperties(BigDecimal orgDailyLimitUsd, BigDecimal orgMonthlyLimitUsd, Boolean requireSubscription,
                               Boolean requireCredits, Integer newUserTrialDays, Duration reservationDeadline, Duration refreshPeriod) {

    public BudgetProperties {
        reservationDeadline = reservationDeadline == null ? Duration.ofMinutes(15) : reservationDeadline;
        refreshPeriod = refreshPeriod == null ? Duration.ofSeconds(5) : refreshPeriod;
    }
}
