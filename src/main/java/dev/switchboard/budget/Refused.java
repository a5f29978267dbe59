package dev.switchboard.budget;

/**
 * A named refusal of budget's: the status (402 for budgets, credits and subscriptions, 429 for rates, 403 for a model a
 * key may not use), the reason (the error code on the wire), the message the caller reads (which limit, what is left,
 * when it resets) and the seconds until it may be lifted (null: not by waiting).
 */
public record Refused(int status, String reason, String message, Long retryAfterSeconds) {
}
