package dev.switchboard.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of US dollars, held as integer nano-USD (10⁻⁹ USD). Never a binary float: amounts are
 * added as integers and shown as plain decimals ({@code 0.0000078}), so every sum equals its parts.
 */
public record Money(long nanoUsd) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);
    private static final int SCALE = 9;

    public static Money ofNanos(long nanoUsd) {
        return new Money(nanoUsd);
    }

    /** Parses a decimal dollar amount such as {@code "0.15"}; more than nine decimals is an error, not a rounding. */
    public static Money ofUsd(String usd) {
        return ofUsd(new BigDecimal(usd));
    }

    public static Money ofUsd(BigDecimal usd) {
        try {
            return new Money(usd.movePointRight(SCALE).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount must have at most 9 decimals and fit 9.2 billion USD: " + usd);
        }
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(nanoUsd, other.nanoUsd));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(nanoUsd, other.nanoUsd));
    }

    /**
     * Applies a multiplier given in thousandths (1500 = ×1.5), rounding half up to the nano-dollar; the one
     * place where a credit multiplier turns into money.
     */
    public Money timesMilli(long milli) {
        return new Money(BigDecimal.valueOf(nanoUsd).multiply(BigDecimal.valueOf(milli))
                .divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact());
    }

    public boolean isNegative() {
        return nanoUsd < 0;
    }

    /** The amount in dollars, exact, without trailing zeros and never in exponent form when printed. */
    public BigDecimal toUsd() {
        var usd = BigDecimal.valueOf(nanoUsd, SCALE).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(nanoUsd, other.nanoUsd);
    }

    @Override
    public String toString() {
        return "$" + toUsd().toPlainString();
    }
}
