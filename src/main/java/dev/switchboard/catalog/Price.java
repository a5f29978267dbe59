package dev.switchboard.catalog;

/**
 * What a model costs, in nano-USD per one million tokens ({@code 150_000_000} is $0.15 per 1M).
 * {@code cachedInputPerMillion} (input read from a prompt cache), {@code cacheWritePerMillion} (input written to one,
 * as Anthropic bills it, for five minutes) and {@code longCacheWritePerMillion} (written for an hour) are null when the
 * provider bills such input like any other (an hour's write with no price of its own costs a five-minute write).
 */
public record Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion, Long cacheWritePerMillion,
                    Long longCacheWritePerMillion) {

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || negative(cachedInputPerMillion) || negative(cacheWritePerMillion)
                || negative(longCacheWritePerMillion)) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** A price whose cache writes cost the same however long they are kept. */
    public Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion, Long cacheWritePerMillion) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion, null);
    }

    /**
     * An admin's price in USD (per 1M tokens, or per image) as nano-USD: not negative, at most nine decimals; a refusal
     * names {@code field}.
     */
    public static long nanosOf(String field, java.math.BigDecimal usd) {
        if (usd.signum() < 0) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must not be negative.");
        }
        try {
            return dev.switchboard.money.Money.ofUsd(usd).nanoUsd();
        } catch (IllegalArgumentException e) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must have at most 9 decimals (a nano-dollar) and be below 9.2 billion USD.");
        }
    }

    private static boolean negative(Long price) {
        return price != null && price < 0;
    }

    public long longCacheWriteOrCacheWrite() {
        return longCacheWritePerMillion == null ? cacheWriteOrInput() : longCacheWritePerMillion;
    }

    /** A price without a cache-write rate. */
    public Price(long inputPerMillion, long outputPerMillion, Long cachedInputPerMillion) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, null, null);
    }

    public long cacheWriteOrInput() {
        return cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion;
    }

    public long cachedInputOrInput() {
        return cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
    }
}
