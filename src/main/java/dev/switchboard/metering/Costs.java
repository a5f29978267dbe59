package dev.switchboard.metering;

import java.math.BigInteger;

import dev.switchboard.catalog.ImagePrice;
import dev.switchboard.catalog.Price;
import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;

/**
 * The one place where tokens become money: {@code Σ tokens × price-per-1M / 1M}, the division done once, on the
 * whole request, rounding half up to the nano-dollar. Every report sums these per-request amounts, so reports equal
 * their parts exactly. (With prices in whole tenths of a cent per 1M tokens no rounding ever happens.)
 */
public final class Costs {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
    private static final BigInteger HALF_MILLION = BigInteger.valueOf(500_000);

    private Costs() {
    }

    public static Money of(Price price, Usage usage) {
        var uncachedInput = usage.inputTokens() - usage.cachedInputTokens() - usage.cacheWriteTokens();
        var scaled = BigInteger.valueOf(uncachedInput).multiply(BigInteger.valueOf(price.inputPerMillion()))
                .add(BigInteger.valueOf(usage.cachedInputTokens()).multiply(BigInteger.valueOf(price.cachedInputOrInput())))
                .add(BigInteger.valueOf(usage.cacheWriteTokens() - usage.longCacheWriteTokens()).multiply(BigInteger.valueOf(price.cacheWriteOrInput())))
                .add(BigInteger.valueOf(usage.longCacheWriteTokens()).multiply(BigInteger.valueOf(price.longCacheWriteOrCacheWrite())))
                .add(BigInteger.valueOf(usage.outputTokens()).multiply(BigInteger.valueOf(price.outputPerMillion())));
        return Money.ofNanos(scaled.add(HALF_MILLION).divide(MILLION).longValueExact());
    }

    /** Images are billed per image from the catalog's price table: {@code n × price}, whatever tokens were reported. */
    public static Money ofImages(ImagePrice price, int images) {
        if (images < 0) {
            throw new IllegalArgumentException("a negative number of images: " + images);
        }
        return Money.ofNanos(Math.multiplyExact(price.perImageNanoUsd(), (long) images));
    }
}
