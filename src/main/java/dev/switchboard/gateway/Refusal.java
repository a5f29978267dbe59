package dev.switchboard.gateway;

/**
 * A call refused before anything was sent, for a named reason: the status, the reason (the error {@code code} on the
 * wire), the request field at fault (null when none) and the message the caller reads. Each dialect renders it.
 */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String reason;
    private final String param;
    private final Long retryAfterSeconds;

    public Refusal(int status, String reason, String param, String message) {
        this(status, reason, param, message, null);
    }

    /** A refusal that may be lifted later: {@code retryAfterSeconds} becomes the {@code Retry-After} header. */
    public Refusal(int status, String reason, String param, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 for a request field that is missing, malformed or not allowed. */
    public static Refusal invalid(String param, String reason, String message) {
        return new Refusal(400, reason, param, message);
    }

    static Refusal missing(String param) {
        return invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
    }

    static Refusal modelNotFound(String model) {
        return new Refusal(404, "model_not_found", "model", "The model '" + model + "' does not exist or you do not have access to it.");
    }

    /** A 403: the model exists, but an admin disabled the provider that serves it. */
    static Refusal providerDisabled(String model, String provider) {
        return new Refusal(403, "provider_disabled", "model", "The model '" + model + "' is served by " + provider
                + ", which an administrator has disabled.");
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String param() {
        return param;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
