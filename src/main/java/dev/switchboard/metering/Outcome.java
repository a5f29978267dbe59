package dev.switchboard.metering;

import java.util.Locale;

/**
 * How a call ended. Every call that reached a provider is recorded with one of the first four; {@link #NOT_SENT} (refused
 * or inexpressible before any upstream call) leaves no record.
 */
public enum Outcome {
    /** Answered in full. */
    OK,
    /** The provider failed or refused, or we failed, before the client received any of the answer. */
    ERROR,
    /** The client went away. */
    CANCELLED,
    /** A stream that broke after the client had received part of it. */
    PARTIAL,
    /** Never reached a provider. */
    NOT_SENT;

    /** The name stored with a usage record: {@code ok}, {@code error}, {@code cancelled}, {@code partial}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean recorded() {
        return this != NOT_SENT;
    }
}
