package dev.switchboard.vault;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pool key taken for one call, with the worst-case cost reserved against its limits. Settled exactly once, by
 * {@link Credentials#settle}: a second settlement changes nothing.
 */
public final class Lease {

    private final String keyId;
    private final long reservedNanos;
    private final AtomicBoolean settled = new AtomicBoolean();

    Lease(String keyId, long reservedNanos) {
        this.keyId = keyId;
        this.reservedNanos = reservedNanos;
    }

    String keyId() {
        return keyId;
    }

    long reservedNanos() {
        return reservedNanos;
    }

    boolean settleOnce() {
        return settled.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "Lease[" + keyId + ", " + reservedNanos + " nano-USD]";
    }
}
