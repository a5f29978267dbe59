package dev.switchboard.routing;

import java.util.random.RandomGenerator;

/**
 * The randomness of routing (weighted choice, backoff jitter), one per application; a test gives a seeded one.
 * Synchronized, since the JDK's seedable generators are not thread-safe.
 */
public final class RoutingRandom {

    private final RandomGenerator random;

    public RoutingRandom(RandomGenerator random) {
        this.random = random;
    }

    /** In {@code [0, 1)}. */
    synchronized double nextDouble() {
        return random.nextDouble();
    }
}
