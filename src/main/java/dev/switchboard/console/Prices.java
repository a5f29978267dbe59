package dev.switchboard.console;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.switchboard.money.Money;

/** Money as people read it: dollars to the cent from $1 up, and to six decimals (at least two) below. */
final class Prices {

    private Prices() {
    }

    static String perMillion(long nanoUsd) {
        return usd(nanoUsd);
    }

    static String usd(long nanoUsd) {
        var usd = Money.ofNanos(nanoUsd).toUsd();
        if (usd.abs().compareTo(BigDecimal.ONE) >= 0) {
            return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        var fine = usd.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return "$" + (fine.scale() < 2 ? fine.setScale(2) : fine).toPlainString();
    }
}
