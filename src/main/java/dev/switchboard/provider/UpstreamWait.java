package dev.switchboard.provider;

/**
 * The time one inbound request's thread spent blocked on upstreams: connecting, sending, waiting for and reading their
 * answers ({@code UpstreamHttp} adds every such span, streamed reads included). Bound by the gateway for the whole
 * request, so that what remains of its wall time is the gateway's own ({@code x-switchboard-overhead-ms}). Read and
 * written by that request's thread only.
 */
public final class UpstreamWait {

    public static final ScopedValue<UpstreamWait> CURRENT = ScopedValue.newInstance();

    private long nanos;

    /** Adds the span from {@code startedNanos} ({@link System#nanoTime()}) to now to the request's wait, if one is bound. */
    public static void since(long startedNanos) {
        if (CURRENT.isBound()) {
            CURRENT.get().nanos += System.nanoTime() - startedNanos;
        }
    }

    /** The time spent waiting on upstreams so far. */
    public long nanos() {
        return nanos;
    }
}
