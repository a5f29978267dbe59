package dev.switchboard.access.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Accounts;
import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/admin/users}: admins list, create and change users. The admin role is enforced for all of /api/admin/**. */
@RestController
class AdminUsersController {

    private final Accounts accounts;

    AdminUsersController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/admin/users")
    UserPage list(Caller caller, @RequestParam(defaultValue = "0") int skip, @RequestParam(defaultValue = "100") int limit) {
        if (skip < 0 || limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'skip' must be ≥ 0 and 'limit' between 1 and 1000.");
        }
        return new UserPage(accounts.list(skip, limit).stream().map(UserView::of).toList(), accounts.count());
    }

    @PostMapping("/api/admin/users")
    ResponseEntity<UserView> create(Caller caller, @RequestBody NewUser body) {
        var account = accounts.create(body.email(), body.password(), role(body.role()), body.fullName());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(account));
    }

    @PatchMapping("/api/admin/users/{id}")
    UserView update(Caller caller, @PathVariable String id, @RequestBody UserChange body) {
        Money grant = null;
        if (body.creditsGrant() != null) {
            try {
                grant = Money.ofUsd(body.creditsGrant());
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'credits_grant' must be a USD amount with at most 9 decimals.");
            }
        }
        var trial = trialUntil(body.trialUntil());
        var change = new Accounts.AccountChange(body.role() == null ? null : role(body.role()), body.active(), grant, body.note(),
                body.password(), body.hasSubscription(), trial, body.trialUntil() != null && trial == null);
        return UserView.of(accounts.update(id, change, caller));
    }

    /** {@code trial_until}: an ISO-8601 instant, or an empty string that ends the trial (null: no change). */
    private static Long trialUntil(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value.trim()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'trial_until' must be an ISO-8601 instant such as 2026-12-31T23:59:59Z, or \"\" to end the trial.");
        }
    }

    private static Role role(String value) {
        if (value == null) {
            return Role.USER;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "user" -> Role.USER;
            case "admin" -> Role.ADMIN;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'role' must be 'user' or 'admin'.");
        };
    }

    record UserPage(List<UserView> data, long count) {
    }

    /** {@link #toString()} leaves the password out. */
    record NewUser(String email, String password, String role, @JsonProperty("full_name") String fullName) {
        @Override
        public String toString() {
            return "NewUser[" + email + ", " + role + "]";
        }
    }

    /**
     * {@code credits_grant} is a USD amount added to the user's credits ledger (negative to take credits back);
     * {@code password} resets the user's password; {@code has_subscription} and {@code trial_until} set the subscription
     * that {@code SWITCHBOARD_REQUIRE_SUBSCRIPTION} asks for. {@link #toString()} leaves the password out.
     */
    record UserChange(String role, @JsonProperty("is_active") @JsonAlias("active") Boolean active,
                      @JsonProperty("credits_grant") BigDecimal creditsGrant, String note, String password,
                      @JsonProperty("has_subscription") Boolean hasSubscription, @JsonProperty("trial_until") String trialUntil) {
        @Override
        public String toString() {
            return "UserChange[" + role + ", " + active + ", " + creditsGrant + "]";
        }
    }
}
