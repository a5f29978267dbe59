package dev.switchboard.access;

import dev.switchboard.money.Money;

/**
 * A user as the management API shows it: never its password hash. {@code creditsGranted} sums the credits ledger's
 * grants, {@code creditsBalance} is what is left of them after the user's member-mode calls.
 */
public record Account(String id, String email, String fullName, Role role, boolean active, long createdAtMillis,
                      LlmMode llmMode, Money creditsGranted, Money creditsBalance, Subscription subscription) {
}
