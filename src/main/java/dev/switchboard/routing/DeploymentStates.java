package dev.switchboard.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.catalog.DeploymentHealth;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How each deployment of each model is doing on this instance: calls in flight (for {@code least_busy}), a moving
 * average of its latency (for {@code lowest_latency}), its recent provider-side failures and its cooldown: after
 * {@code cooldown-failures} failures within {@code cooldown-window} it is skipped for {@code cooldown-duration}, then
 * probed again (a success clears its failures). Exported as {@code switchboard.deployment.*} metrics, labelled with the
 * model and the deployment (catalog names, never a key).
 */
@Component
class DeploymentStates implements DeploymentHealth {

    /** The weight of the newest latency in the moving average. */
    static final double LATENCY_SMOOTHING = 0.2;

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final RoutingProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;

    DeploymentStates(RoutingProperties properties, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public Status of(Model model, Deployment deployment) {
        var state = states.get(key(model, deployment));
        if (state == null) {
            return Status.UNKNOWN;
        }
        var now = clock.millis();
        synchronized (state) {
            return new Status(state.coolingDown(now) ? Instant.ofEpochMilli(state.cooldownUntil) : null, state.inFlight,
                    state.latencyMillis < 0 ? null : Math.round(state.latencyMillis), state.recentFailures(now, properties.cooldownWindow().toMillis()));
        }
    }

    boolean coolingDown(Model model, Deployment deployment) {
        var state = states.get(key(model, deployment));
        return state != null && state.coolingDownNow(clock.millis());
    }

    /** When its cooldown ends (0 when it is not cooling down). */
    long cooldownUntil(Model model, Deployment deployment) {
        var state = states.get(key(model, deployment));
        return state == null ? 0 : state.cooldownUntilNow(clock.millis());
    }

    int inFlight(Model model, Deployment deployment) {
        var state = states.get(key(model, deployment));
        return state == null ? 0 : state.inFlightNow();
    }

    /** The moving-average latency in milliseconds, or -1 before the first success. */
    double latency(Model model, Deployment deployment) {
        var state = states.get(key(model, deployment));
        return state == null ? -1 : state.latencyNow();
    }

    void started(Model model, Deployment deployment) {
        var state = state(model, deployment);
        synchronized (state) {
            state.inFlight++;
        }
    }

    /** The attempt ended without a provider-side failure ({@code reached}: it got an answer, whose latency counts). */
    void succeeded(Model model, Deployment deployment, long latencyMillis, boolean reached) {
        var state = state(model, deployment);
        synchronized (state) {
            state.inFlight = Math.max(0, state.inFlight - 1);
            if (reached) {
                state.latencyMillis = state.latencyMillis < 0 ? latencyMillis
                        : LATENCY_SMOOTHING * latencyMillis + (1 - LATENCY_SMOOTHING) * state.latencyMillis;
                state.failures.clear();
            }
        }
    }

    /** The provider failed the attempt (5xx, 429, a timeout, a broken connection): maybe the failure that cools it down. */
    void failed(Model model, Deployment deployment) {
        var state = state(model, deployment);
        var now = clock.millis();
        boolean cooled;
        synchronized (state) {
            state.inFlight = Math.max(0, state.inFlight - 1);
            state.failures.addLast(now);
            cooled = state.recentFailures(now, properties.cooldownWindow().toMillis()) >= properties.cooldownFailures()
                    && !state.coolingDown(now);
            if (cooled) {
                state.cooldownUntil = now + properties.cooldownDuration().toMillis();
                state.failures.clear();
            }
        }
        if (cooled) {
            Counter.builder("switchboard.deployment.cooldowns").description("Times a deployment was taken out of rotation")
                    .tags("model", model.name(), "deployment", deployment.id()).register(registry).increment();
        }
    }

    private State state(Model model, Deployment deployment) {
        return states.computeIfAbsent(key(model, deployment), k -> {
            var state = new State();
            Gauge.builder("switchboard.deployment.cooling_down", state, s -> s.coolingDownNow(clock.millis()) ? 1 : 0)
                    .description("1 while a deployment is skipped after repeated failures")
                    .tags("model", model.name(), "deployment", deployment.id()).register(registry);
            Gauge.builder("switchboard.deployment.in_flight", state, State::inFlightNow)
                    .description("Calls a deployment serves now")
                    .tags("model", model.name(), "deployment", deployment.id()).register(registry);
            return state;
        });
    }

    private static String key(Model model, Deployment deployment) {
        return model.id() + " " + deployment.id();
    }

    /** One deployment's counters; guarded by its own monitor. */
    private static final class State {
        int inFlight;
        double latencyMillis = -1;
        long cooldownUntil;
        final ArrayDeque<Long> failures = new ArrayDeque<>();

        boolean coolingDown(long now) {
            return cooldownUntil > now;
        }

        int recentFailures(long now, long window) {
            while (!failures.isEmpty() && failures.peekFirst() <= now - window) {
                failures.removeFirst();
            }
            return failures.size();
        }

        synchronized boolean coolingDownNow(long now) {
            return coolingDown(now);
        }

        synchronized long cooldownUntilNow(long now) {
            return coolingDown(now) ? cooldownUntil : 0;
        }

        synchronized int inFlightNow() {
            return inFlight;
        }

        synchronized double latencyNow() {
            return latencyMillis;
        }
    }
}
