package dev.switchboard.access;

/** The request carries no credential, or one that is unknown, revoked or expired. The message is safe to show. */
public class AuthenticationRequired extends RuntimeException {

    public AuthenticationRequired(String message) {
        super(message, null, false, false);
    }
}
