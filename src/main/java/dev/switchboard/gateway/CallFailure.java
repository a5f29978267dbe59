package dev.switchboard.gateway;

import dev.switchboard.provider.ProviderException;

/**
 * How a failed call is answered, whatever the caller's dialect: the status, the reason (the error {@code code}), a
 * message that is safe to show (never a credential), and the provider's {@code retry-after} when it sent one. The one
 * mapping from an upstream failure to a status is {@link #of}; the dialects only render it.
 */
public record CallFailure(int status, String reason, String message, Long retryAfterSeconds) {

    /** The reason for an upstream that answered 529 (overloaded); Anthropic's dialect has a status of its own for it. */
    public static final String OVERLOADED = "provider_overloaded";
    /** What a client is told about a failure of our own: nothing more. */
    static final String INTERNAL_MESSAGE = "The server had an error while processing your request.";

    public static CallFailure of(ProviderException e) {
        var message = e.getMessage();
        return switch (e.kind()) {
            case CREDENTIAL_REFUSED -> new CallFailure(502, "provider_credential_refused", message, null);
            case RATE_LIMITED -> new CallFailure(429, "rate_limit_exceeded", message, e.retryAfterSeconds());
            case INVALID_REQUEST -> new CallFailure(e.upstreamStatus() >= 400 ? e.upstreamStatus() : 400, "upstream_rejected", message, null);
            case UPSTREAM_ERROR -> new CallFailure(502, e.upstreamStatus() == 529 ? OVERLOADED : "upstream_error", message, null);
            case MALFORMED_ANSWER -> new CallFailure(502, "upstream_malformed_answer", message, null);
            case TIMEOUT -> new CallFailure(504, "upstream_timeout", message, null);
            case UNREACHABLE -> new CallFailure(502, "upstream_unreachable", message, null);
        };
    }

    /**
     * The status in a dialect: Anthropic answers an overloaded service with 529, which its SDKs retry; OpenAI's dialect
     * has no such status, so it stays 502 there.
     */
    public int status(Dialect dialect) {
        return dialect == Dialect.ANTHROPIC && OVERLOADED.equals(reason) ? 529 : status;
    }

    /** A failure of our own. */
    static CallFailure internal() {
        return new CallFailure(500, "internal_error", INTERNAL_MESSAGE, null);
    }

    /** The failure as an exception, for a call that failed before its answer began: the dialect answers it with its status. */
    CallFailed raised() {
        return new CallFailed(this);
    }

    /** A call that failed before its answer began; the dialect's error handler renders {@link #failure()}. */
    public static final class CallFailed extends RuntimeException {

        private final CallFailure failure;

        CallFailed(CallFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        public CallFailure failure() {
            return failure;
        }
    }
}
