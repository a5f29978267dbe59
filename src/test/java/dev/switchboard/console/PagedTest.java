package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The one page arithmetic every console list uses, and links that keep the address's other parameters. */
class PagedTest {

    private static final List<Integer> FORTY_ONE = IntStream.rangeClosed(1, 41).boxed().toList();

    @Test
    void shouldCutAPageAndLinkItsNeighboursKeepingTheOtherParameters() {
        var page = Paged.of(FORTY_ONE, 2, 20, new Paged.Address("/usage", "days=7&day_page=2&model_page=3", "day_page"));
        assertThat(page.items()).containsExactlyElementsOf(FORTY_ONE.subList(20, 40));
        assertThat(page).extracting(Paged::number, Paged::pages, Paged::total, Paged::first, Paged::last).containsExactly(2, 3, 41, 21, 40);
        assertThat(page.previous()).isEqualTo("/usage?days=7&model_page=3&day_page=1");
        assertThat(page.next()).isEqualTo("/usage?days=7&model_page=3&day_page=3");
    }

    @Test
    void shouldClampAPageOutsideTheListAndHaveNoLinkPastEitherEnd() {
        var last = Paged.of(FORTY_ONE, 99, 20, new Paged.Address("/keys", null, "page"));
        assertThat(last.number()).isEqualTo(3);
        assertThat(last.items()).containsExactly(41);
        assertThat(last.next()).isNull();
        var first = Paged.of(FORTY_ONE, -5, 20, new Paged.Address("/keys", null, "page"));
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.previous()).isNull();
        assertThat(first.next()).isEqualTo("/keys?page=2");
    }

    @Test
    void shouldShowAnEmptyListAsOneEmptyPage() {
        var empty = Paged.of(List.<Integer>of(), 1, 20, new Paged.Address("/keys", null, "page"));
        assertThat(empty).extracting(Paged::number, Paged::pages, Paged::total, Paged::first, Paged::last).containsExactly(1, 1, 0, 0, 0);
        assertThat(empty.map(i -> "x" + i).items()).isEmpty();
    }
}
