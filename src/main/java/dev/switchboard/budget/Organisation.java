package dev.switchboard.budget;

import java.time.Duration;

import dev.switchboard.access.Invalidation;
import dev.switchboard.access.NewUserTerms;
import dev.switchboard.access.Subscription;
import dev.switchboard.money.Money;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The organisation's terms: its daily and monthly spending limits (null: none), whether managed keys need a subscription
 * or trial, whether member-mode users spend credits, and the trial a new user starts with. One row, which an admin
 * changes at run time; settings given at start overwrite their part of it. Read from memory; other instances' changes
 * arrive at the next refresh (or at once through Redis).
 */
@Service
public class Organisation implements NewUserTerms {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private volatile Terms terms;

    Organisation(JdbcClient jdbc, BudgetProperties properties, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        start(properties);
    }

    /** The terms; limits in nano-USD. */
    public record Terms(Long dailyLimitNanos, Long monthlyLimitNanos, boolean requireSubscription, boolean requireCredits,
                        int newUserTrialDays) {
    }

    public Terms terms() {
        return terms;
    }

    /** An admin's change, applied to every instance (here at once). */
    public Terms change(Terms next) {
        jdbc.sql("""
                UPDATE organisation_terms SET daily_limit_nano = ?, monthly_limit_nano = ?, require_subscription = ?, require_credits = ?,
                    new_user_trial_days = ?, updated_at = ? WHERE id = 1""")
                .params(next.dailyLimitNanos(), next.monthlyLimitNanos(), next.requireSubscription(), next.requireCredits(),
                        next.newUserTrialDays(), System.currentTimeMillis())
                .update();
        events.publishEvent(Invalidation.of(Invalidation.Scope.ORGANISATION, null));
        return reload();
    }

    @EventListener
    void on(Invalidation invalidation) {
        if (invalidation.remote() && invalidation.scope() == Invalidation.Scope.ORGANISATION) {
            reload();
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.budget.refresh-period:5s}", initialDelayString = "${switchboard.budget.refresh-period:5s}")
    public Terms reload() {
        terms = jdbc.sql("SELECT daily_limit_nano, monthly_limit_nano, require_subscription, require_credits, new_user_trial_days "
                        + "FROM organisation_terms WHERE id = 1")
                .query((rs, i) -> new Terms(nullableLong(rs, "daily_limit_nano"), nullableLong(rs, "monthly_limit_nano"),
                        rs.getBoolean("require_subscription"), rs.getBoolean("require_credits"), rs.getInt("new_user_trial_days")))
                .single();
        return terms;
    }

    @Override
    public Subscription forNewUser(long nowMillis) {
        var days = terms.newUserTrialDays();
        return new Subscription(false, days <= 0 ? null : nowMillis + Duration.ofDays(days).toMillis());
    }

    private void start(BudgetProperties p) {
        jdbc.sql("""
                INSERT INTO organisation_terms (id, daily_limit_nano, monthly_limit_nano, require_subscription, require_credits,
                    new_user_trial_days, updated_at)
                SELECT 1, NULL, NULL, FALSE, TRUE, 0, ? WHERE NOT EXISTS (SELECT 1 FROM organisation_terms WHERE id = 1)""")
                .param(System.currentTimeMillis()).update();
        var current = reload();
        change(new Terms(p.orgDailyLimitUsd() == null ? current.dailyLimitNanos() : nanos(p.orgDailyLimitUsd()),
                p.orgMonthlyLimitUsd() == null ? current.monthlyLimitNanos() : nanos(p.orgMonthlyLimitUsd()),
                p.requireSubscription() == null ? current.requireSubscription() : p.requireSubscription(),
                p.requireCredits() == null ? current.requireCredits() : p.requireCredits(),
                p.newUserTrialDays() == null ? current.newUserTrialDays() : p.newUserTrialDays()));
    }

    /**
     * An admin's limit in USD as nano-USD: 0 means none (null); a negative amount or one finer than a nano-dollar is a
     * 400 naming {@code field}.
     */
    public static Long limitOf(String field, java.math.BigDecimal usd) {
        try {
            var money = Money.ofUsd(usd);
            if (money.isNegative()) {
                throw new IllegalArgumentException();
            }
            return money.nanoUsd() == 0 ? null : money.nanoUsd();
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "'" + field + "' must be a USD amount ≥ 0 with at most 9 decimals (0: no limit).");
        }
    }

    /** A limit of zero or less means none. */
    private static Long nanos(java.math.BigDecimal usd) {
        return usd.signum() <= 0 ? null : Money.ofUsd(usd).nanoUsd();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
