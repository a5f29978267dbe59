package dev.switchboard.provider;

/**
 * An upstream call that failed, classified so that callers can answer in their dialect and decide on retries.
 * The message is safe to show a client: it never holds the credential.
 */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** The provider refused the credential (401/403). */
        CREDENTIAL_REFUSED(false),
        /** The provider's rate limit or quota (429). */
        RATE_LIMITED(true),
        /** The provider found the request invalid (other 4xx). */
        INVALID_REQUEST(false),
        /** The provider failed (5xx) or answered something unreadable. */
        UPSTREAM_ERROR(true),
        /** No answer in time. */
        TIMEOUT(true),
        /** The provider could not be reached, or the connection broke. */
        UNREACHABLE(true);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final int upstreamStatus;
    private final Long retryAfterSeconds;

    public ProviderException(Kind kind, int upstreamStatus, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** The status the provider answered with, or 0 when it answered nothing. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
