package dev.switchboard.access.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Account;
import dev.switchboard.access.Role;

/** A user on the wire. */
record UserView(String id, String email, @JsonProperty("full_name") String fullName, String role,
                @JsonProperty("is_active") boolean active, @JsonProperty("is_superuser") boolean superuser,
                @JsonProperty("llm_mode") String llmMode, @JsonProperty("credits_granted_usd") BigDecimal creditsGrantedUsd,
                @JsonProperty("created_at") String createdAt) {

    static UserView of(Account a) {
        return new UserView(a.id(), a.email(), a.fullName(), a.role().name().toLowerCase(Locale.ROOT), a.active(),
                a.role() == Role.ADMIN, a.llmMode().wire(), a.creditsGranted().toUsd(),
                Instant.ofEpochMilli(a.createdAtMillis()).toString());
    }
}
