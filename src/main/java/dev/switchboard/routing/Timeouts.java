package dev.switchboard.routing;

import java.time.Duration;

/**
 * The waiting limits of one attempt, resolved (model over provider over the upstream defaults): to connect, for the
 * first byte of the answer, and between two stream chunks. Null: the upstream client's own default.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration streamIdle) {
}
