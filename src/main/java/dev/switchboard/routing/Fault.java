package dev.switchboard.routing;

/**
 * Why an attempt failed before its answer began, as routing needs to know it: each kind decides between a retry (with
 * backoff), another deployment, another model, or the end of the call.
 */
public enum Fault {
    /** The provider's rate limit (429): retried, after its {@code retry-after} when it sent one within the cap. */
    RATE_LIMITED,
    /** 5xx, 408, 409, a timeout before the first byte, a reset or refused connection: retried with backoff. */
    TRANSIENT,
    /** The provider refused the credential: another deployment (or model) may hold a good one; no retry here. */
    CREDENTIAL_REFUSED,
    /** The prompt does not fit the model's context window: the model's larger-context fallback, if any. */
    CONTEXT_WINDOW,
    /** Any other refusal of the request (4xx), or a failure of our own: every other try would repeat it. */
    FINAL
}
