package dev.switchboard.console;

import java.util.List;
import java.util.function.BiFunction;

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
        return of(all.size(), requested, size, address,
                (from, count) -> all.subList(Math.min(from, all.size()), Math.min(from + count, all.size())));
    }

    /** A page of a list too long to load whole ({@code total} items): {@code fetch} answers the items from an offset. */
    static <T> Paged<T> of(int total, int requested, int size, Address address, BiFunction<Integer, Integer, List<T>> fetch) {
        var pages = Math.max(1, (total + size - 1) / size);
        var number = Math.clamp(requested, 1, pages);
        var from = (number - 1) * size;
        var items = fetch.apply(from, size);
        return new Paged<>(items, number, pages, total, items.isEmpty() ? 0 : from + 1, from + items.size(),
                number > 1 ? address.page(number - 1) : null, number < pages ? address.page(number + 1) : null);
    }

    /** The page {@code requested} of {@code all} on the console page at {@code path}, numbered by the parameter {@code param}. */
    static <T> Paged<T> of(List<T> all, int requested, int size, String path, String param) {
        return of(all, requested, size, Address.here(path, param));
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

        /** The list numbered by {@code param} on the console page at {@code path}, with this request's other parameters. */
        static Address here(String path, String param) {
            var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
            return new Address(path, request.getQueryString(), param);
        }

        String page(int number) {
            return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam(param, number).build().toUriString();
        }
    }
}
