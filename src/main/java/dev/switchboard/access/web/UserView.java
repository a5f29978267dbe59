package dev.switchboard.access.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Account;
import dev.switchboard.access.Role;

/** A user on the wire: {@code credits_balance_usd} is what is left of the credits granted. */
record UserView(String id, String email, @JsonProperty("full_name") String fullName, String role,
                @JsonProperty("is_active") boolean active, @JsonProperty("is_superuser") boolean superuser,
                @JsonProperty("llm_mode") String llmMode, @JsonProperty("credits_granted_usd") BigDecimal creditsGrantedUsd,
                @JsonProperty("credits_balance_usd") BigDecimal creditsBalanceUsd, @JsonProperty("has_subscription") boolean hasSubscription,
                @JsonProperty("trial_until") String trialUntil, @JsonProperty("created_at") String createdAt) {

    static UserView of(Account a) {
        var trial = a.subscription().trialUntilMillis();
        return new UserView(a.id(), a.email(), a.fullName(), a.role().name().toLowerCase(Locale.ROOT), a.active(),
                a.role() == Role.ADMIN, a.llmMode().wire(), a.creditsGranted().toUsd(), a.creditsBalance().toUsd(),
                a.subscription().active(), trial == null ? null : Instant.ofEpochMilli(trial).toString(),
                Instant.ofEpochMilli(a.createdAtMillis()).toString());
    }
}
