package dev.switchboard.console;

import java.util.List;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list, as every console list shows it (the {@code console/parts :: pager} control): the page's items,
 * its number of the whole, and the links to the pages before and after, which keep the address's other parameters (a
 * filter, a period, another list's page). Only the page's items reach the template.
 */
record Paged<T>(List<T> items, int number, int pages, int total, int first, int last, String previous, String next) {

    /** The page {@code requested} (clamped to the pages there are) of {@code all}, {@code size} to a page. */
    static <T> Paged<T> of(List<T> all, int requested, int size, Address address) {
        var pages = Math.max(1, (all.size() + size - 1) / size);
        var number = Math.clamp(requested, 1, pages);
        var from = (number - 1) * size;
        var items = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
        return new Paged<>(items, number, pages, all.size(), items.isEmpty() ? 0 : from + 1, from + items.size(),
                number > 1 ? address.page(number - 1) : null, number < pages ? address.page(number + 1) : null);
    }

    /** The page {@code requested} of {@code all} on the console page at {@code path}, numbered by the parameter {@code param}. */
    static <T> Paged<T> of(List<T> all, int requested, int size, String path, String param) {
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        return of(all, requested, size, new Address(path, request.getQueryString(), param));
    }

    /** The same page with each item turned into what the template shows (only this page's items are turned). */
    <R> Paged<R> map(java.util.function.Function<T, R> show) {
        return new Paged<>(items.stream().map(show).toList(), number, pages, total, first, last, previous, next);
    }

    /**
     * Where a list lives: the page's path, its query, and the parameter that numbers this list's pages (two lists on one
     * page are paged apart).
     */
    record Address(String path, String query, String param) {

        String page(int number) {
            return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam(param, number).build().toUriString();
        }
    }
}
