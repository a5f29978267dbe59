package dev.switchboard.ops;

import java.util.Optional;

/**
 * A part of the process that can keep serving in a reduced way (the usage log queueing in memory while the database is
 * away): {@code /health} says {@code degraded} while any says why. Declared here; implemented by the features.
 */
public interface Degradation {

    /** Why this part is degraded now (a short text for the health answer), or empty when it is well. */
    Optional<String> degraded();
}
