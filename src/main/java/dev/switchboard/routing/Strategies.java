package dev.switchboard.routing;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting;
import dev.switchboard.catalog.ModelRouting.Deployment;

/**
 * The choice of one deployment among those a step may use. {@code weighted}: at random in proportion to the weights;
 * {@code least_busy}: the fewest calls in flight; {@code lowest_latency}: the lowest moving-average latency (a deployment
 * not yet measured first, so that it gets measured). Ties go by weight, at random.
 */
final class Strategies {

    private Strategies() {
    }

    static Deployment choose(Model model, List<Deployment> among, DeploymentStates states, RoutingRandom random) {
        return switch (model.routing().strategy()) {
            case ModelRouting.LEAST_BUSY -> weighted(lowest(among, d -> states.inFlight(model, d)), random);
            case ModelRouting.LOWEST_LATENCY -> weighted(lowest(among, d -> Math.max(0, states.latency(model, d))), random);
            default -> weighted(among, random);
        };
    }

    static Deployment weighted(List<Deployment> among, RoutingRandom random) {
        var total = among.stream().mapToLong(Deployment::weight).sum();
        var point = random.nextDouble() * total;
        for (var deployment : among) {
            point -= deployment.weight();
            if (point < 0) {
                return deployment;
            }
        }
        return among.getLast();
    }

    private static List<Deployment> lowest(List<Deployment> among, ToDoubleFunction<Deployment> measure) {
        var least = among.stream().mapToDouble(measure).min().orElse(0);
        return among.stream().filter(d -> measure.applyAsDouble(d) <= least).sorted(Comparator.comparing(Deployment::id)).toList();
    }
}
