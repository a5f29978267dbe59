package dev.switchboard.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void shouldPrintExactPlainDecimalsWithoutTrailingZeros() {
        assertThat(Money.ofNanos(7_800).toUsd().toString()).isEqualTo("0.0000078");
        assertThat(Money.ofNanos(780).toUsd().toPlainString()).isEqualTo("0.00000078");
        assertThat(Money.ofNanos(1_500_000_000).toUsd().toPlainString()).isEqualTo("1.5");
        assertThat(Money.ofNanos(2_000_000_000).toUsd().toPlainString()).isEqualTo("2");
        assertThat(Money.ZERO.toUsd().toPlainString()).isEqualTo("0");
    }

    @Test
    void shouldParseDollarsExactlyAndRefuseSubNanoAmounts() {
        assertThat(Money.ofUsd("0.15")).isEqualTo(Money.ofNanos(150_000_000));
        assertThat(Money.ofUsd("75")).isEqualTo(Money.ofNanos(75_000_000_000L));
        assertThatThrownBy(() -> Money.ofUsd("0.0000000001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldApplyAMultiplierOnceRoundingHalfUp() {
        assertThat(Money.ofNanos(1_000).timesMilli(1_500)).isEqualTo(Money.ofNanos(1_500));
        assertThat(Money.ofNanos(5).timesMilli(100)).isEqualTo(Money.ofNanos(1));
        assertThat(Money.ofNanos(4).timesMilli(100)).isEqualTo(Money.ZERO);
    }

    @Test
    void shouldRefuseToOverflowSilently() {
        assertThatThrownBy(() -> Money.ofNanos(Long.MAX_VALUE).plus(Money.ofNanos(1))).isInstanceOf(ArithmeticException.class);
    }
}
