package dev.switchboard.prompt;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The A/B split: among a template's active versions, one is drawn with probability weight / sum of weights. The random
 * source is given, so tests draw with a seed; versions of weight 0 are never drawn.
 */
final class VersionDraw {

    private final Random random;

    VersionDraw(Random random) {
        this.random = random;
    }

    Optional<Template.Version> pick(List<Template.Version> versions) {
        var candidates = versions.stream().filter(v -> v.active() && v.weight() > 0).toList();
        var total = candidates.stream().mapToLong(Template.Version::weight).sum();
        if (total == 0) {
            return Optional.empty();
        }
        var draw = random.nextLong(total);
        for (var version : candidates) {
            draw -= version.weight();
            if (draw < 0) {
                return Optional.of(version);
            }
        }
        throw new IllegalStateException("unreachable: the draw is below the total weight");
    }
}
