package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting;
import dev.switchboard.catalog.ModelRouting.Deployment;
import dev.switchboard.catalog.Price;
import dev.switchboard.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The strategies and the cooldown, on their own: a seeded random and a clock moved by hand. */
class StrategiesTest {

    private static final Deployment A = new Deployment("openai", "gpt-4o", null, 3);
    private static final Deployment B = new Deployment("openrouter", "openai/gpt-4o", null, 1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final RoutingProperties properties = new RoutingProperties(null, null, null, null, null, 3, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Map.of());
    private final DeploymentStates states = new DeploymentStates(properties, clock, new SimpleMeterRegistry());

    @Test
    void shouldChooseByWeightWithinStatisticalBounds() {
        var random = RoutingTestSupport.seeded(7);
        var draws = 20_000;
        var a = 0;
        for (var i = 0; i < draws; i++) {
            a += Strategies.weighted(List.of(A, B), random) == A ? 1 : 0;
        }
        // expected share 3/4; the standard deviation of the share is sqrt(3/16 / 20000) ≈ 0.0031: ±5 of them
        assertThat(a / (double) draws).isBetween(0.75 - 0.0155, 0.75 + 0.0155);
    }

    @Test
    void shouldChooseTheLeastBusyDeployment() {
        var model = model(ModelRouting.LEAST_BUSY);
        states.started(model, A);
        states.started(model, A);
        states.started(model, B);

        assertThat(Strategies.choose(model, List.of(A, B), states, RoutingTestSupport.seeded(1))).isEqualTo(B);
    }

    @Test
    void shouldChooseTheLowestMovingAverageLatencyAndAnUnmeasuredOneFirst() {
        var model = model(ModelRouting.LOWEST_LATENCY);
        states.started(model, A);
        states.succeeded(model, A, 400, true);

        assertThat(Strategies.choose(model, List.of(A, B), states, RoutingTestSupport.seeded(1))).isEqualTo(B);

        states.started(model, B);
        states.succeeded(model, B, 900, true);
        assertThat(Strategies.choose(model, List.of(A, B), states, RoutingTestSupport.seeded(1))).isEqualTo(A);
        assertThat(states.latency(model, B)).isEqualTo(900);
        states.started(model, B);
        states.succeeded(model, B, 100, true);
        assertThat(states.latency(model, B)).isEqualTo(0.2 * 100 + 0.8 * 900);
    }

    @Test
    void shouldCoolDownAfterThreeFailuresWithinTheWindowAndRecoverAfterTheCooldown() {
        var model = model(ModelRouting.WEIGHTED);
        fail(model);
        clock.advance(Duration.ofSeconds(61));
        fail(model);
        fail(model);
        assertThat(states.coolingDown(model, A)).as("the first failure left the window").isFalse();

        fail(model);
        assertThat(states.coolingDown(model, A)).isTrue();
        assertThat(states.of(model, A).cooldownUntil()).isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(31));
        assertThat(states.coolingDown(model, A)).isFalse();
        assertThat(states.of(model, A).cooldownUntil()).isNull();
    }

    private void fail(Model model) {
        states.started(model, A);
        states.failed(model, A);
    }

    private static Model model(String strategy) {
        return new Model("m-" + strategy, strategy, "openai", "gpt-4o", strategy, Model.CHAT, new Price(1, 1, null), true, 0, List.of(),
                null, List.of(), new ModelRouting(List.of(A, B), strategy, null, List.of(), null, null));
    }
}
