package dev.switchboard.access.web;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Account;

/** A user on the wire. */
record UserView(String id, String email, @JsonProperty("full_name") String fullName, String role,
                @JsonProperty("is_active") boolean active, @JsonProperty("is_superuser") boolean superuser,
                @JsonProperty("llm_mode") String llmMode, @JsonProperty("credits_granted_usd") BigDecimal creditsGrantedUsd,
                @JsonProperty("created_at") String createdAt) {

    static UserView of(Account a) {
        return new UserView(a.id(), a.email(), a.fullName(), a.role().name().toLowerCase(java.util.Locale.ROOT), a.active(),
                a.role() == dev.switchboard.access.Role.ADMIN, a.llmMode().wire(), a.creditsGranted().toUsd(),
                Instant.ofEpochMilli(a.createdAtMillis()).toString());
    }
}
