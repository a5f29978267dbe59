package dev.switchboard.vault;

/**
 * The request's own credential cannot be used as sent (a BYOK base URL that is malformed or points at a private
 * address, a base URL without a key). A client error (400); the message is safe to show and never holds the key.
 */
public class CredentialRefused extends RuntimeException {

    private final String code;

    public CredentialRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A short machine-readable reason, e.g. {@code byok_base_url_refused}. */
    public String code() {
        return code;
    }
}
