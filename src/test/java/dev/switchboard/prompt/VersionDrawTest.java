package dev.switchboard.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class VersionDrawTest {

    private static Template.Version version(int number, int weight, boolean active) {
        return new Template.Version(number, "body " + number, null, List.of(), weight, active, 0);
    }

    @Test
    void shouldDrawActiveVersionsInProportionToTheirWeights() {
        var draw = new VersionDraw(new Random(42));
        var versions = List.of(version(1, 70, true), version(2, 20, true), version(3, 10, true), version(4, 50, false), version(5, 0, true));
        var counts = new TreeMap<Integer, Integer>();
        var draws = 100_000;

        for (var i = 0; i < draws; i++) {
            counts.merge(draw.pick(versions).orElseThrow().number(), 1, Integer::sum);
        }

        // each share within 1 percentage point: more than 6 standard deviations at this many draws
        assertThat(counts.keySet()).containsExactly(1, 2, 3);
        assertThat(counts.get(1) / (double) draws).isCloseTo(0.70, within(0.01));
        assertThat(counts.get(2) / (double) draws).isCloseTo(0.20, within(0.01));
        assertThat(counts.get(3) / (double) draws).isCloseTo(0.10, within(0.01));
    }

    @Test
    void shouldDrawTheSameSequenceFromTheSameSeed() {
        var versions = List.of(version(1, 1, true), version(2, 1, true));
        var first = new VersionDraw(new Random(7));
        var second = new VersionDraw(new Random(7));

        for (var i = 0; i < 50; i++) {
            assertThat(first.pick(versions)).isEqualTo(second.pick(versions));
        }
    }

    @Test
    void shouldDrawNothingWhenNoActiveVersionHasWeight() {
        var draw = new VersionDraw(new Random(1));

        assertThat(draw.pick(List.of(version(1, 0, true), version(2, 5, false)))).isEmpty();
    }
}
