package dev.switchboard.vault;

/**
 * How a call with a credential ended, as far as the credential is concerned: served; refused as a credential (401/403:
 * a pool key goes out of rotation); rate limited (a pool key cools down until the provider's retry-after); failed on
 * the provider's side (5xx, timeout: repeated, a pool key cools down); failed for the request's own sake (says nothing
 * of the key); never sent.
 */
public enum KeyOutcome {
    SERVED, CREDENTIAL_REFUSED, RATE_LIMITED, PROVIDER_FAILED, REQUEST_FAILED, NOT_SENT
}
