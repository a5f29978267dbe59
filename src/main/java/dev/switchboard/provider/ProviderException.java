package dev.switchboard.provider;

/**
 * An upstream call that failed, classified so that callers can answer in their dialect and decide on retries.
 * The message is safe to show a client: it never holds the credential. A request that could not even be sent (it
 * cannot be expressed in the provider's wire format, or no adapter serves it) is {@link #notSent}: it never reached
 * the provider, so it is not metered.
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
        /** The provider answered 2xx with something no real answer contains (impossible token counts, a wrong shape). */
        MALFORMED_ANSWER(true),
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
    private final boolean reachedProvider;

    public ProviderException(Kind kind, int upstreamStatus, String message, Long retryAfterSeconds) {
        this(kind, upstreamStatus, message, retryAfterSeconds, true);
    }

    private ProviderException(Kind kind, int upstreamStatus, String message, Long retryAfterSeconds, boolean reachedProvider) {
        super(message, null, false, false);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryAfterSeconds = retryAfterSeconds;
        this.reachedProvider = reachedProvider;
    }

    /** A request refused before any call: an {@link Kind#INVALID_REQUEST} (a 400 to the caller) that is not metered. */
    public static ProviderException notSent(String message) {
        return new ProviderException(Kind.INVALID_REQUEST, 0, message, null, false);
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

    /** Whether a call to the provider was attempted; only such failures get a usage record. */
    public boolean reachedProvider() {
        return reachedProvider;
    }
}
