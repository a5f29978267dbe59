package dev.switchboard.catalog.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.catalog.DeploymentHealth;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting;

/**
 * The routing fields of {@code /api/admin/models}: {@code deployments} (each {@code provider}, {@code upstream_model},
 * optional {@code pool_key_id} and {@code weight}, 1 by default), {@code strategy}, {@code max_retries},
 * {@code fallbacks}, {@code context_window_fallback} and the four timeouts in milliseconds. A field left out keeps its
 * value; a {@code null} clears it (an empty list, the default strategy, the provider's timeout).
 */
final class RoutingJson {

    static final Set<String> FIELDS = Set.of("deployments", "strategy", "max_retries", "fallbacks", "context_window_fallback",
            "connect_timeout_ms", "first_byte_timeout_ms", "stream_idle_timeout_ms", "deadline_ms");
    private static final Set<String> DEPLOYMENT_FIELDS = Set.of("provider", "upstream_model", "pool_key_id", "weight");

    private RoutingJson() {
    }

    static ModelRouting applied(AdminJson json, ModelRouting base) {
        var t = base.timeouts();
        return new ModelRouting(
                json.has("deployments") ? (json.isNull("deployments") ? List.of() : deployments(json)) : base.deployments(),
                json.has("strategy") ? (json.isNull("strategy") ? null : json.string("strategy")) : base.strategy(),
                json.has("max_retries") ? (json.isNull("max_retries") ? null : json.nonNegativeInt("max_retries")) : base.maxRetries(),
                json.has("fallbacks") ? (json.isNull("fallbacks") ? List.of() : json.strings("fallbacks")) : base.fallbacks(),
                json.has("context_window_fallback") ? (json.isNull("context_window_fallback") ? null : json.string("context_window_fallback"))
                        : base.contextFallback(),
                new ModelRouting.Timeouts(millis(json, "connect_timeout_ms", t.connect()), millis(json, "first_byte_timeout_ms", t.firstByte()),
                        millis(json, "stream_idle_timeout_ms", t.streamIdle()), millis(json, "deadline_ms", t.deadline())));
    }

    private static List<ModelRouting.Deployment> deployments(AdminJson json) {
        return json.objects("deployments", DEPLOYMENT_FIELDS).stream().map(d -> {
            for (var required : List.of("provider", "upstream_model")) {
                if (!d.has(required)) {
                    throw AdminJson.invalid("deployments", "Each of 'deployments' needs a '" + required + "'.");
                }
            }
            var key = d.has("pool_key_id") && !d.isNull("pool_key_id") ? d.string("pool_key_id") : null;
            return new ModelRouting.Deployment(d.string("provider"), d.string("upstream_model"), key, d.has("weight") ? d.positiveInt("weight") : 1);
        }).toList();
    }

    private static Duration millis(AdminJson json, String field, Duration current) {
        if (!json.has(field)) {
            return current;
        }
        return json.isNull(field) ? null : Duration.ofMillis(json.positiveInt(field));
    }

    /** A deployment as the admin sees it, with its health now. */
    record DeploymentView(String id, String provider, @JsonProperty("upstream_model") String upstreamModel,
                          @JsonProperty("pool_key_id") String poolKeyId, int weight, @JsonProperty("cooling_down") boolean coolingDown,
                          @JsonProperty("cooldown_until") String cooldownUntil, @JsonProperty("in_flight") int inFlight,
                          @JsonProperty("latency_ms") Long latencyMillis, @JsonProperty("recent_failures") int recentFailures) {

        static List<DeploymentView> of(Model model, DeploymentHealth health) {
            return model.deployments().stream().map(d -> {
                var status = health.of(model, d);
                var until = status.cooldownUntil();
                return new DeploymentView(d.id(), d.providerId(), d.upstreamModel(), d.poolKeyId(), d.weight(), until != null,
                        until == null ? null : until.toString(), status.inFlight(), status.latencyMillis(), status.recentFailures());
            }).toList();
        }
    }

    static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
