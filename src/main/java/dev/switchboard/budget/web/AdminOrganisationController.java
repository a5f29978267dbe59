package dev.switchboard.budget.web;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.budget.Organisation;
import dev.switchboard.budget.Spending;
import dev.switchboard.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/admin/organisation}: the organisation's daily and monthly spending limits (managed keys), whether managed
 * keys need a subscription, whether member-mode users spend credits, the trial new users get, and what the organisation
 * has spent and holds reserved today and this month. PUT changes only the fields it sends; a limit of 0 removes it.
 */
@RestController
class AdminOrganisationController {

    private final Organisation organisation;
    private final Spending spending;

    AdminOrganisationController(Organisation organisation, Spending spending) {
        this.organisation = organisation;
        this.spending = spending;
    }

    @GetMapping("/api/admin/organisation")
    View show() {
        var terms = organisation.terms();
        var today = spending.organisationUsed(true);
        var month = spending.organisationUsed(false);
        return new View(usd(terms.dailyLimitNanos()), usd(terms.monthlyLimitNanos()), terms.requireSubscription(), terms.requireCredits(),
                terms.newUserTrialDays(), today.spent().toUsd(), today.reserved().toUsd(), month.spent().toUsd(), month.reserved().toUsd(),
                spending.resetsAt(true).toString(), spending.resetsAt(false).toString());
    }

    @PutMapping("/api/admin/organisation")
    View change(@RequestBody Change body) {
        var terms = organisation.terms();
        if (body.newUserTrialDays() != null && (body.newUserTrialDays() < 0 || body.newUserTrialDays() > 3660)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'new_user_trial_days' must be between 0 and 3660.");
        }
        organisation.change(new Organisation.Terms(
                body.dailyLimitUsd() == null ? terms.dailyLimitNanos() : limit("daily_limit_usd", body.dailyLimitUsd()),
                body.monthlyLimitUsd() == null ? terms.monthlyLimitNanos() : limit("monthly_limit_usd", body.monthlyLimitUsd()),
                body.requireSubscription() == null ? terms.requireSubscription() : body.requireSubscription(),
                body.requireCredits() == null ? terms.requireCredits() : body.requireCredits(),
                body.newUserTrialDays() == null ? terms.newUserTrialDays() : body.newUserTrialDays()));
        return show();
    }

    private static Long limit(String field, BigDecimal usd) {
        return Organisation.limitOf(field, usd);
    }

    private static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.ofNanos(nanos).toUsd();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record View(@JsonProperty("daily_limit_usd") BigDecimal dailyLimitUsd, @JsonProperty("monthly_limit_usd") BigDecimal monthlyLimitUsd,
                @JsonProperty("require_subscription") boolean requireSubscription, @JsonProperty("require_credits") boolean requireCredits,
                @JsonProperty("new_user_trial_days") int newUserTrialDays, @JsonProperty("spent_today_usd") BigDecimal spentToday,
                @JsonProperty("reserved_today_usd") BigDecimal reservedToday, @JsonProperty("spent_this_month_usd") BigDecimal spentThisMonth,
                @JsonProperty("reserved_this_month_usd") BigDecimal reservedThisMonth, @JsonProperty("day_resets_at") String dayResetsAt,
                @JsonProperty("month_resets_at") String monthResetsAt) {
    }

    record Change(@JsonProperty("daily_limit_usd") BigDecimal dailyLimitUsd, @JsonProperty("monthly_limit_usd") BigDecimal monthlyLimitUsd,
                  @JsonProperty("require_subscription") Boolean requireSubscription, @JsonProperty("require_credits") Boolean requireCredits,
                  @JsonProperty("new_user_trial_days") Integer newUserTrialDays) {
    }
}
