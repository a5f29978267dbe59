package dev.switchboard.access;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.money.Money;

/** A key's or client's {@link Limits} on the wire; a limit that is not set is {@code null}, no models listed means all. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LimitsView(@JsonProperty("rpm_limit") Integer rpmLimit, @JsonProperty("tpm_limit") Long tpmLimit,
                         @JsonProperty("daily_budget_usd") BigDecimal dailyBudgetUsd,
                         @JsonProperty("monthly_budget_usd") BigDecimal monthlyBudgetUsd,
                         @JsonProperty("allowed_models") List<String> allowedModels) {

    public static LimitsView of(Limits limits) {
        return new LimitsView(limits.rpm(), limits.tpm(), usd(limits.dailyBudgetNanos()), usd(limits.monthlyBudgetNanos()),
                limits.allowedModels());
    }

    private static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.ofNanos(nanos).toUsd();
    }
}
