package dev.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting.Deployment;
import dev.switchboard.catalog.ProviderAccess;
import org.springframework.stereotype.Service;

/**
 * Plans the {@link Route} of a call: the model asked for, then its fallbacks (those the request names in
 * {@code fallbacks}, else the catalog's), each followed by its own catalog fallbacks, depth first. What the caller named
 * is checked before anything is sent: a model that does not exist, one the caller cannot use at this endpoint (another
 * kind, no credential for any of its deployments' providers, another provider than the one a request's own key is
 * for), or one already on the way (a loop) is {@link Plan.Refused}.
 * What the catalog adds is only skipped when it is unusable, so that an admin's stale fallback never breaks the model.
 */
@Service
public class Routes {

    /** The most models one call's route may hold. */
    static final int MAX_MODELS = 10;

    private final Catalog catalog;
    private final ProviderAccess access;
    private final DeploymentStates states;
    private final RoutingProperties properties;
    private final Sleeper sleeper;
    private final RoutingRandom random;
    private final Clock clock;
    private final RoutingMetrics metrics;

    Routes(Catalog catalog, ProviderAccess access, DeploymentStates states, RoutingProperties properties, Sleeper sleeper,
           RoutingRandom random, Clock clock, RoutingMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.access = access;
        this.states = states;
        this.properties = properties;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
    }

    /** A call to route: who asks, for which kind of model (the endpoint's), the model, and the request's fallbacks (null: none given). */
    public record Call(Caller caller, String kind, Model model, List<String> fallbacks) {
    }

    /** A route, or why the request's fallbacks cannot make one ({@code reason} is the error code). */
    public sealed interface Plan {
        record Planned(Route route) implements Plan {
        }

        record Refused(String reason, String message) implements Plan {
        }
    }

    public Plan plan(Call call) {
        var chain = new LinkedHashMap<String, Model>();
        chain.put(call.model().id(), call.model());
        var given = call.fallbacks() != null;
        try {
            add(call, given ? call.fallbacks() : call.model().routing().fallbacks(), given, chain);
        } catch (Refused refused) {
            return new Plan.Refused(refused.reason, refused.getMessage());
        }
        return new Plan.Planned(new Route(this, List.copyOf(chain.values()), onlyProvider(call), now() + deadline(call.model()).toMillis()));
    }

    private void add(Call call, List<String> names, boolean strict, LinkedHashMap<String, Model> chain) {
        for (var name : names) {
            var model = catalog.model(name).orElse(null);
            String problem = model == null ? "fallback_model_not_found" : chain.containsKey(model.id()) ? "fallback_loop"
                    : !usable(call, model) ? "fallback_model_unusable" : chain.size() >= MAX_MODELS ? "too_many_fallbacks" : null;
            if (problem != null) {
                if (strict) {
                    throw new Refused(problem, message(problem, name));
                }
                continue;
            }
            chain.put(model.id(), model);
            add(call, model.routing().fallbacks(), false, chain);
        }
    }

    private static String message(String problem, String name) {
        return switch (problem) {
            case "fallback_model_not_found" -> "'fallbacks' names '" + name + "', which is not a model.";
            case "fallback_loop" -> "'fallbacks' names '" + name + "', which the request would already have tried: the chain loops.";
            case "fallback_model_unusable" -> "'fallbacks' names '" + name + "', which you cannot use at this endpoint.";
            default -> "'fallbacks' makes a chain of more than " + MAX_MODELS + " models.";
        };
    }

    /**
     * The one provider a call may use, or null for any: a request's own key ({@code X-BYOK-API-Key}) is meant for the
     * provider of the model it names, and is never sent to another deployment's or fallback's provider.
     */
    private static String onlyProvider(Call call) {
        return call.caller().byok().present() ? call.model().providerId() : null;
    }

    private boolean usable(Call call, Model model) {
        var only = onlyProvider(call);
        return model.kind().equals(call.kind()) && model.deployments().stream().anyMatch(d -> servable(d)
                && (only == null || only.equals(d.providerId()))
                && catalog.provider(d.providerId()).map(p -> access.usable(call.caller(), p)).orElse(false));
    }

    /** The larger-context model configured for {@code model}, unless it is among {@code before} (tried already) or unknown. */
    Model contextFallback(Model model, List<Model> before) {
        var name = model.routing().contextFallback();
        var larger = name == null ? null : catalog.model(name).orElse(null);
        return larger == null || before.contains(larger) || !larger.kind().equals(model.kind()) ? null : larger;
    }

    boolean servable(Deployment deployment) {
        return catalog.provider(deployment.providerId()).map(p -> p.enabled()).orElse(false);
    }

    Deployment choose(Model model, List<Deployment> among) {
        return Strategies.choose(model, among, states, random);
    }

    int maxRetries(Model model) {
        var own = model.routing().maxRetries();
        return own != null ? own : properties.maxRetries();
    }

    /** Full jitter: uniformly between 0 and the base doubled for each retry before this one, at most the maximum. */
    Duration backoff(int retry) {
        var ceiling = Math.min(properties.backoffMax().toMillis(), properties.backoffBase().toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis((long) (random.nextDouble() * ceiling));
    }

    Duration retryAfterCap() {
        return properties.retryAfterCap();
    }

    /** Waits; false when interrupted (the call is then given up). */
    boolean sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long now() {
        return clock.millis();
    }

    RoutingMetrics metrics() {
        return metrics;
    }

    DeploymentStates states() {
        return states;
    }

    /** The model's timeouts over its provider's ({@code switchboard.routing.timeouts.<provider>}), each null when neither sets it. */
    Timeouts timeouts(Model model, Deployment deployment) {
        var own = model.routing().timeouts();
        var provider = properties.timeouts().get(deployment.providerId());
        return new Timeouts(
                own.connect() != null ? own.connect() : provider == null ? null : provider.connect(),
                own.firstByte() != null ? own.firstByte() : provider == null ? null : provider.firstByte(),
                own.streamIdle() != null ? own.streamIdle() : provider == null ? null : provider.streamIdle());
    }

    private Duration deadline(Model model) {
        var own = model.routing().timeouts().deadline();
        var provider = properties.timeouts().get(model.providerId());
        return own != null ? own : provider != null && provider.deadline() != null ? provider.deadline() : properties.deadline();
    }

    /** A refusal found while planning; never leaves this class. */
    private static final class Refused extends RuntimeException {
        private final String reason;

        Refused(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
