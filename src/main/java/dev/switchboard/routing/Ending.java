package dev.switchboard.routing;

/** How one step of a route ended, as the pipeline tells it: served (for good), never sent, or failed before the answer began. */
public sealed interface Ending {

    /**
     * The answer began: the route is over, never retried. {@code partial} when it broke off after its first byte (a
     * stream cut or stalled): a failure of the deployment for its cooldown, and no latency to learn from.
     */
    record Served(boolean partial) implements Ending {
    }

    /** Nothing reached the provider (no credential, a policy refused, a request this provider cannot express). */
    record NotSent() implements Ending {
    }

    /** The provider failed the attempt before any byte reached the client; {@code retryAfterSeconds} as it sent it. */
    record Failed(Fault fault, Long retryAfterSeconds) implements Ending {
    }
}
