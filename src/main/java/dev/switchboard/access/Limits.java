package dev.switchboard.access;

import java.math.BigDecimal;
import java.util.List;

import dev.switchboard.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the key or API client a caller presented may do: requests and tokens per minute, spending per billing day and
 * month in nano-USD (each null when unlimited), and the models it may use by name or alias (empty: all). Enforced by
 * {@code budget}; kept here because they are the key's own terms and travel with the cached caller.
 */
public record Limits(Integer rpm, Long tpm, Long dailyBudgetNanos, Long monthlyBudgetNanos, List<String> allowedModels) {

    public static final Limits NONE = new Limits(null, null, null, null, List.of());

    public Limits {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }

    /**
     * Limits as the management API writes them ({@code rpm_limit}, {@code tpm_limit}, {@code daily_budget_usd},
     * {@code monthly_budget_usd}, {@code allowed_models}), checked: a 400 names the field at fault.
     */
    public static Limits fromWire(Integer rpm, Long tpm, BigDecimal dailyUsd, BigDecimal monthlyUsd, List<String> allowedModels) {
        if (rpm != null && (rpm < 1 || rpm > 10_000_000)) {
            throw invalid("'rpm_limit' must be between 1 and 10000000 (leave it out for no limit).");
        }
        if (tpm != null && (tpm < 1 || tpm > 10_000_000_000L)) {
            throw invalid("'tpm_limit' must be between 1 and 10000000000 (leave it out for no limit).");
        }
        var models = allowedModels == null ? List.<String>of() : allowedModels;
        if (models.size() > 1000 || models.stream().anyMatch(m -> m == null || m.isBlank() || m.length() > 200)) {
            throw invalid("'allowed_models' must be a list of at most 1000 model names or aliases.");
        }
        return new Limits(rpm, tpm, usd("daily_budget_usd", dailyUsd), usd("monthly_budget_usd", monthlyUsd),
                models.stream().map(String::trim).distinct().toList());
    }

    private static Long usd(String field, BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        try {
            var money = Money.ofUsd(amount);
            if (money.isNegative() || money.nanoUsd() > Money.ofUsd("1000000000").nanoUsd()) {
                throw invalid("'" + field + "' must be between 0 and 1000000000 USD.");
            }
            return money.nanoUsd();
        } catch (IllegalArgumentException e) {
            throw invalid("'" + field + "' must be a USD amount with at most 9 decimals.");
        }
    }

    private static ResponseStatusException invalid(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    /** Whether a model of that name, known also by those aliases, may be used (asked for by any of them). */
    public boolean allows(String name, List<String> aliases) {
        return allowedModels.isEmpty() || allowedModels.contains(name) || aliases.stream().anyMatch(allowedModels::contains);
    }
}
