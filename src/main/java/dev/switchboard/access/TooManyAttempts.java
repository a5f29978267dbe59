package dev.switchboard.access;

/** Too many failed logins for this account or from this address; try again after {@link #retryAfterSeconds()}. */
public class TooManyAttempts extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyAttempts(long retryAfterSeconds) {
        super("Too many failed sign-in attempts. Try again in " + retryAfterSeconds + " seconds.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
