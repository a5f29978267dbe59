package dev.switchboard.budget;

import java.time.Instant;

/**
 * One budget a call is reserved against: whose it is ({@code ownerId}, a label for messages), for which period
 * ({@code d:2026-12-01}, {@code m:2026-12}, or {@code all} for credits), its limit in nano-USD, when the period began (what counts as its spending in
 * the usage log) and when it resets (null: never). {@link #key()} names its counter: built once with the budget (a call
 * asks for several budgets, and {@link Spending} keeps them for their period, so the key is not built again per call).
 */
record Budget(Kind kind, String ownerId, String label, String period, long limitNanos, Instant since, Instant resetsAt, String key) {

    Budget(Kind kind, String ownerId, String label, String period, long limitNanos, Instant since, Instant resetsAt) {
        this(kind, ownerId, label, period, limitNanos, since, resetsAt, kind.prefix + ":" + ownerId + ":" + period);
    }

    /** Whether this budget's period holds {@code now} (credits' never ends). */
    boolean current(Instant now) {
        return (since == null || !now.isBefore(since)) && (resetsAt == null || now.isBefore(resetsAt));
    }

    enum Kind {
        CLIENT_DAILY("client", "client_daily_budget_exceeded"),
        CLIENT_MONTHLY("client", "client_monthly_budget_exceeded"),
        KEY_DAILY("key", "key_daily_budget_exceeded"),
        KEY_MONTHLY("key", "key_monthly_budget_exceeded"),
        ORG_DAILY("org", "organisation_daily_limit_exceeded"),
        ORG_MONTHLY("org", "organisation_monthly_limit_exceeded"),
        CREDITS("credits", "insufficient_credits");

        final String prefix;
        final String reason;

        Kind(String prefix, String reason) {
            this.prefix = prefix;
            this.reason = reason;
        }
    }
}
