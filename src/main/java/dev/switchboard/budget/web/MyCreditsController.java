package dev.switchboard.budget.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.budget.Credits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/users/me/credits}: the caller's credit balance and the ledger it sums, newest first. */
@RestController
class MyCreditsController {

    private final Credits credits;

    MyCreditsController(Credits credits) {
        this.credits = credits;
    }

    @GetMapping("/api/users/me/credits")
    Ledger mine(Caller caller) {
        var entries = credits.ledger(caller.userId()).stream()
                .map(e -> new Entry(e.id(), e.amount().toUsd(), e.note(), Instant.ofEpochMilli(e.createdAtMillis()).toString()))
                .toList();
        var balance = credits.balance(caller.userId());
        return new Ledger(balance.remaining().toUsd(), balance.granted().toUsd(), balance.spent().toUsd(), entries);
    }

    /** What is left ({@code balance_usd}) of what was granted, after what member-mode calls spent. */
    record Ledger(@JsonProperty("balance_usd") BigDecimal balance, @JsonProperty("granted_usd") BigDecimal granted,
                  @JsonProperty("spent_usd") BigDecimal spent, List<Entry> entries) {
    }

    record Entry(String id, @JsonProperty("amount_usd") BigDecimal amount, String note, @JsonProperty("created_at") String createdAt) {
    }
}
