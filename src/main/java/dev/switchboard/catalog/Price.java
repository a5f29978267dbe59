package dev.switchboard.catalog;

/**
 * What a model costs, in nano-USD per one million tokens ({@code 150_000_000} is $0.15 per 1M).
 * {@code cachedInputPerMillion} is null when the provider bills cached input like any other input.
 */
public record Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion) {

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || (cachedInputPerMillion != null && cachedInputPerMillion < 0)) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    public long cachedInputOrInput() {
        return cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
    }
}
