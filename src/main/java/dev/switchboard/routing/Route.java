package dev.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting.Deployment;

/**
 * The way one call goes: the model asked for, then its fallbacks in order, each tried on its deployments. Walked by the
 * pipeline: {@link #next()} gives the next {@link Step} (null when there is none), {@link #ended} says how it ended. A
 * model gets {@code 1 + max_retries} attempts, each on a deployment the strategy picks (one not yet tried first, one
 * cooling down only when it is the last model's only hope), with a backoff with full jitter before each retry (at least
 * the provider's {@code retry-after} when the retry goes to the same deployment; beyond the cap the model is given up at
 * once). A refused credential or an unsent attempt moves to another deployment without a retry's wait; a prompt too
 * long for the context window moves to the model's larger-context fallback; any other refusal ends the call. No attempt
 * but the first starts, and no wait is begun, past the call's deadline. A call with its own key ({@code onlyProvider})
 * stays on that key's provider. One call, one thread: not thread-safe.
 */
public final class Route {

    private final Routes routes;
    private final List<Model> chain;
    private final String onlyProvider;
    private final long deadlineMillis;
    private final Set<String> excluded = new HashSet<>();
    private final Set<String> tried = new HashSet<>();
    private int index;
    private int triesOnModel;
    private int attempts;
    private Step last;
    private Ending.Failed lastFailure;
    private boolean over;

    Route(Routes routes, List<Model> chain, String onlyProvider, long deadlineMillis) {
        this.routes = routes;
        this.chain = new ArrayList<>(chain);
        this.onlyProvider = onlyProvider;
        this.deadlineMillis = deadlineMillis;
    }

    /** The models in the order they would be tried (the one asked for first). */
    public List<Model> models() {
        return List.copyOf(chain);
    }

    /** The next attempt, after any backoff it needs; null when the call has nothing more to try. */
    public Step next() {
        while (!over && index < chain.size()) {
            if (attempts > 0 && routes.now() >= deadlineMillis) {
                over = true;
                break;
            }
            var model = chain.get(index);
            if (triesOnModel > routes.maxRetries(model)) {
                moveOn();
                continue;
            }
            var deployment = pick(model);
            if (deployment == null || !waited(model, deployment)) {
                if (!over) {
                    moveOn();
                }
                continue;
            }
            if (triesOnModel > 0 && lastFailure != null) {
                routes.metrics().retried(model, lastFailure.fault());
            }
            last = new Step(model, deployment, ++attempts, routes.timeouts(model, deployment), index > 0);
            routes.states().started(model, deployment);
            return last;
        }
        return null;
    }

    /** How the step {@link #next()} gave ended. */
    public void ended(Step step, Ending ending, long latencyMillis) {
        var model = step.model();
        var deployment = step.deployment();
        var states = routes.states();
        switch (ending) {
            case Ending.Served(var partial) -> {
                if (partial) {
                    states.failed(model, deployment);
                } else {
                    states.succeeded(model, deployment, latencyMillis, true);
                }
                over = true;
            }
            case Ending.NotSent notSent -> {
                states.succeeded(model, deployment, latencyMillis, false);
                excluded.add(key(model, deployment));
                attempts--;
            }
            case Ending.Failed failed -> failed(step, failed);
        }
    }

    private void failed(Step step, Ending.Failed failed) {
        var model = step.model();
        var deployment = step.deployment();
        var states = routes.states();
        switch (failed.fault()) {
            case RATE_LIMITED, TRANSIENT -> {
                states.failed(model, deployment);
                tried.add(key(model, deployment));
                triesOnModel++;
                lastFailure = failed;
            }
            case CREDENTIAL_REFUSED -> {
                states.succeeded(model, deployment, 0, false);
                excluded.add(key(model, deployment));
            }
            case CONTEXT_WINDOW -> {
                states.succeeded(model, deployment, 0, false);
                var larger = routes.contextFallback(model, chain.subList(0, index + 1));
                if (larger == null) {
                    over = true;
                } else {
                    chain.remove(larger);
                    chain.add(index + 1, larger);
                    lastFailure = failed;
                    moveOn();
                }
            }
            case FINAL -> {
                states.succeeded(model, deployment, 0, false);
                over = true;
            }
        }
    }

    /** The number of attempts that were sent so far (the current one included). */
    public int attempts() {
        return attempts;
    }

    /** One pass over the model's deployments (a call's hot path: no stream, no key string unless the call excluded or tried one). */
    private Deployment pick(Model model) {
        var states = routes.states();
        var usable = new ArrayList<Deployment>(model.deployments().size());
        var healthy = new ArrayList<Deployment>(model.deployments().size());
        var fresh = new ArrayList<Deployment>(model.deployments().size());
        for (var d : model.deployments()) {
            if (!routes.servable(d) || (onlyProvider != null && !onlyProvider.equals(d.providerId())) || has(excluded, model, d)) {
                continue;
            }
            usable.add(d);
            if (!states.coolingDown(model, d)) {
                healthy.add(d);
                if (!has(tried, model, d)) {
                    fresh.add(d);
                }
            }
        }
        if (usable.isEmpty()) {
            return null;
        }
        if (healthy.isEmpty()) {
            // every deployment cools down: skip to a fallback if there is one, else probe the one that recovers first
            return index < chain.size() - 1 ? null : usable.stream()
                    .min(Comparator.comparingLong(d -> states.cooldownUntil(model, d))).orElseThrow();
        }
        return routes.choose(model, fresh.isEmpty() ? healthy : fresh);
    }

    private static boolean has(Set<String> keys, Model model, Deployment deployment) {
        return !keys.isEmpty() && keys.contains(key(model, deployment));
    }

    /**
     * Waits before a retry of the model; false when the model is given up instead (or the call is over, past its deadline).
     * A deployment this call has not tried yet is taken at once: its health is not what just failed, and waiting there
     * would only add the backoff to a call that another deployment can serve now.
     */
    private boolean waited(Model model, Deployment deployment) {
        if (triesOnModel == 0 || lastFailure == null || !tried.contains(key(model, deployment))) {
            return true;
        }
        var delay = routes.backoff(triesOnModel);
        var retryAfter = lastFailure.retryAfterSeconds();
        var sameDeployment = last != null && last.model().equals(model) && last.deployment().equals(deployment);
        if (lastFailure.fault() == Fault.RATE_LIMITED && retryAfter != null && sameDeployment) {
            var asked = Duration.ofSeconds(retryAfter);
            if (asked.compareTo(routes.retryAfterCap()) > 0) {
                return false;
            }
            delay = asked.compareTo(delay) > 0 ? asked : delay;
        }
        if (routes.now() + delay.toMillis() >= deadlineMillis) {
            over = true;
            return false;
        }
        if (!routes.sleep(delay)) {
            over = true;
            return false;
        }
        return true;
    }

    /** Leaves the model for the next one, counted as a fallback when there is one (why: its last failure, if any). */
    private void moveOn() {
        if (index + 1 < chain.size()) {
            routes.metrics().fellBack(chain.get(index), lastFailure != null ? RoutingMetrics.reason(lastFailure.fault()) : "unavailable");
        }
        index++;
        triesOnModel = 0;
        lastFailure = null;
    }

    private static String key(Model model, Deployment deployment) {
        return model.id() + " " + deployment.id();
    }
}
