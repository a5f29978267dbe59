package dev.switchboard.provider;

import java.time.Duration;

/**
 * The waiting limits of the upstream call made on this thread, bound by the caller for the call's duration (each null:
 * the client's default, {@code switchboard.upstream.*}): to connect, for the first byte of the answer (its status line),
 * and between two reads of a streamed answer. A limit passed is a {@link ProviderException.Kind#TIMEOUT}.
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle) {

    public static final ScopedValue<UpstreamTimeouts> CURRENT = ScopedValue.newInstance();
    public static final UpstreamTimeouts DEFAULTS = new UpstreamTimeouts(null, null, null);

    /** The limits bound now, or {@link #DEFAULTS}. */
    public static UpstreamTimeouts current() {
        return CURRENT.isBound() ? CURRENT.get() : DEFAULTS;
    }
}
