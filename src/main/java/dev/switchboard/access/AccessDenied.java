package dev.switchboard.access;

/** The caller is known but may not do this (a USER on an admin route). The message is safe to show. */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message, null, false, false);
    }
}
