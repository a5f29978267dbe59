package dev.switchboard.ops;

/**
 * One thing this instance needs before a load balancer should send it traffic ({@code GET /health/ready}). Declared
 * here and implemented by the features that own the state (the usage log's queue, the Redis link), so that ops depends
 * on none of them.
 */
public interface ReadinessCheck {

    /** The check's name in the answer ({@code database}, {@code redis}, {@code usage_queue}). */
    String name();

    /** Whether it applies to this instance at all (Redis only when {@code SWITCHBOARD_REDIS_URL} is set). */
    default boolean applies() {
        return true;
    }

    /** Checks now; may block briefly (a round trip), and is given up on after {@code SWITCHBOARD_READINESS_TIMEOUT}. */
    Result check();

    /** Up or down, with a short human text ({@code "12 of at most 50000 records queued"}, why it failed). */
    record Result(boolean up, String detail) {

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String reason) {
            return new Result(false, reason);
        }
    }
}
