package dev.switchboard.access;

/**
 * The subscription a new user starts with (a trial of the organisation's default length, or none). Declared here so that
 * creating a user needs no dependency on {@code budget}, which owns the organisation's terms and implements it.
 */
public interface NewUserTerms {

    Subscription forNewUser(long nowMillis);
}
