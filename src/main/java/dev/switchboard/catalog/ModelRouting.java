package dev.switchboard.catalog;

import java.time.Duration;
import java.util.List;

/**
 * How calls for a model are routed, as an admin configured it: the deployments that serve it (none: its own provider and
 * upstream model), the strategy that picks one, how often a failed call is retried ({@code maxRetries}, null: the
 * gateway's default), the models to fall back to in order, the larger-context model for a prompt that does not fit, and
 * timeouts that override its providers' (each null: the provider's). The routing feature acts on it; the catalog only
 * keeps it.
 */
public record ModelRouting(List<Deployment> deployments, String strategy, Integer maxRetries, List<String> fallbacks,
                           String contextFallback, Timeouts timeouts) {

    public static final String WEIGHTED = "weighted";
    public static final String LEAST_BUSY = "least_busy";
    public static final String LOWEST_LATENCY = "lowest_latency";
    public static final List<String> STRATEGIES = List.of(WEIGHTED, LEAST_BUSY, LOWEST_LATENCY);
    public static final ModelRouting NONE = new ModelRouting(List.of(), WEIGHTED, null, List.of(), null, Timeouts.NONE);

    public ModelRouting {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        strategy = strategy == null ? WEIGHTED : strategy;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        timeouts = timeouts == null ? Timeouts.NONE : timeouts;
    }

    /** One place a model is served: a provider, the model's id there, optionally one pinned pool key, and a weight. */
    public record Deployment(String providerId, String upstreamModel, String poolKeyId, int weight) {

        /** Names the deployment within its model, stably across edits that reorder the list. */
        public String id() {
            return providerId + "/" + upstreamModel + (poolKeyId == null ? "" : "#" + poolKeyId);
        }
    }

    /** Waiting limits: to connect, for the first byte of an answer, between two stream chunks, and for the whole call. */
    public record Timeouts(Duration connect, Duration firstByte, Duration streamIdle, Duration deadline) {
        public static final Timeouts NONE = new Timeouts(null, null, null, null);
    }
}
