package dev.switchboard.catalog;

import java.time.Instant;

/**
 * How a model's deployment is doing, for the admin's view: whether it is cooling down after repeated failures (and until
 * when), how many calls it serves now, its moving-average latency and its recent failures. Declared here for the admin
 * catalog; implemented by routing, which watches every attempt.
 */
public interface DeploymentHealth {

    Status of(Model model, ModelRouting.Deployment deployment);

    record Status(Instant cooldownUntil, int inFlight, Long latencyMillis, int recentFailures) {
        public static final Status UNKNOWN = new Status(null, 0, null, 0);
    }
}
