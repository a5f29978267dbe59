package dev.switchboard.catalog;

/**
 * What a model costs, in nano-USD per one million tokens ({@code 150_000_000} is $0.15 per 1M).
 * {@code cachedInputPerMillion} (input read from a prompt cache) and {@code cacheWritePerMillion} (input written to
 * one, as Anthropic bills it) are null when the provider bills such input like any other.
 */
public record Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion, Long cacheWritePerMillion) {

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || (cachedInputPerMillion != null && cachedInputPerMillion < 0)
                || (cacheWritePerMillion != null && cacheWritePerMillion < 0)) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** A price without a cache-write rate. */
    public Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, null);
    }

    public long cacheWriteOrInput() {
        return cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion;
    }

    public long cachedInputOrInput() {
        return cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
    }
}
