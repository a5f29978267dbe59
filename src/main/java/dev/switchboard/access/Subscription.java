package dev.switchboard.access;

/**
 * A user's subscription (seed 000): an admin sets {@code active} and a trial's end; managed keys serve the user, when the
 * organisation requires it, while either holds.
 */
public record Subscription(boolean active, Long trialUntilMillis) {

    public static final Subscription NONE = new Subscription(false, null);

    /** Whether the subscription is active or the trial has not ended at {@code nowMillis}. */
    public boolean holdsAt(long nowMillis) {
        return active || trialUntilMillis != null && trialUntilMillis > nowMillis;
    }
}
