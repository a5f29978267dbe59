package dev.switchboard.budget.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.budget.Credits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/users/me/credits}: the caller's credit balance and the ledger it sums, newest first: the grants
 * ({@code entries}) and each call's debit ({@code debits}, from its usage record, {@code limit} (100, at most 1000) after
 * {@code skip}; {@code total_debits} counts them all).
 */
@RestController
class MyCreditsController {

    private final Credits credits;

    MyCreditsController(Credits credits) {
        this.credits = credits;
    }

    @GetMapping("/api/users/me/credits")
    Ledger mine(Caller caller, @RequestParam(defaultValue = "0") int skip, @RequestParam(defaultValue = "100") int limit) {
        var debits = credits.debits(caller.userId(), Math.max(0, skip), Math.clamp(limit, 1, 1000)).stream()
                .map(d -> new Debit(d.recordId(), d.requestId(), d.model(), d.providerId(), d.status(), d.credits().toUsd(), d.cost().toUsd(),
                        Instant.ofEpochMilli(d.createdAtMillis()).toString()))
                .toList();
        var entries = credits.ledger(caller.userId()).stream()
                .map(e -> new Entry(e.id(), e.amount().toUsd(), e.note(), Instant.ofEpochMilli(e.createdAtMillis()).toString()))
                .toList();
        var balance = credits.balance(caller.userId());
        return new Ledger(balance.remaining().toUsd(), balance.granted().toUsd(), balance.spent().toUsd(), entries, debits,
                credits.debitCount(caller.userId()));
    }

    /** What is left ({@code balance_usd}) of what was granted, after what member-mode calls spent. */
    record Ledger(@JsonProperty("balance_usd") BigDecimal balance, @JsonProperty("granted_usd") BigDecimal granted,
                  @JsonProperty("spent_usd") BigDecimal spent, List<Entry> entries, List<Debit> debits,
                  @JsonProperty("total_debits") long totalDebits) {
    }

    /** A call's debit: {@code credits_usd} taken for a call that cost {@code cost_usd} (times the provider's multiplier). */
    record Debit(@JsonProperty("usage_record_id") String usageRecordId, @JsonProperty("request_id") String requestId, String model,
                 @JsonProperty("provider_id") String providerId, String status, @JsonProperty("credits_usd") BigDecimal credits,
                 @JsonProperty("cost_usd") BigDecimal cost, @JsonProperty("created_at") String createdAt) {
    }

    record Entry(String id, @JsonProperty("amount_usd") BigDecimal amount, String note, @JsonProperty("created_at") String createdAt) {
    }
}
