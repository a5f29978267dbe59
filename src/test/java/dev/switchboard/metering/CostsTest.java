package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.Price;
import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import org.junit.jupiter.api.Test;

class CostsTest {

    private static final Price GPT_4O_MINI = new Price(150_000_000, 600_000_000, 75_000_000L);
    private static final Price CLAUDE_SONNET = new Price(3_000_000_000L, 15_000_000_000L, null);

    @Test
    void shouldPriceTokensPerMillionExactly() {
        assertThat(Costs.of(GPT_4O_MINI, new Usage(12, 10, 0))).isEqualTo(Money.ofNanos(7_800));
        // seed 001's example: 1000 in @ $3/M + 500 out @ $15/M = $0.0105
        assertThat(Costs.of(CLAUDE_SONNET, new Usage(1000, 500, 0))).isEqualTo(Money.ofUsd("0.0105"));
    }

    @Test
    void shouldBillCachedInputAtTheCachedPriceOrTheInputPriceWhenThereIsNone() {
        assertThat(Costs.of(GPT_4O_MINI, new Usage(1_000_000, 0, 400_000))).isEqualTo(Money.ofUsd("0.12"));
        assertThat(Costs.of(CLAUDE_SONNET, new Usage(1_000_000, 0, 400_000))).isEqualTo(Money.ofUsd("3"));
    }

    @Test
    void shouldBillCacheWritesAtTheCacheWritePriceOrTheInputPriceWhenThereIsNone() {
        var sonnetWithCaching = new Price(3_000_000_000L, 15_000_000_000L, 300_000_000L, 3_750_000_000L);
        // 400k plain input × $3 + 100k read × $0.30 + 500k written × $3.75, per 1M
        assertThat(Costs.of(sonnetWithCaching, new Usage(1_000_000, 0, 100_000, 500_000))).isEqualTo(Money.ofUsd("3.105"));
        assertThat(Costs.of(CLAUDE_SONNET, new Usage(1_000_000, 0, 0, 500_000))).isEqualTo(Money.ofUsd("3"));
    }

    @Test
    void shouldBillAnHoursCacheWritesAtTheirOwnPriceOrTheFiveMinutePriceWhenThereIsNone() {
        var hourly = new Price(3_000_000_000L, 15_000_000_000L, 300_000_000L, 3_750_000_000L, 6_000_000_000L);
        // 500k plain input × $3 + 300k written for 5 minutes × $3.75 + 200k written for an hour × $6, per 1M
        assertThat(Costs.of(hourly, new Usage(1_000_000, 0, 0, 500_000, 200_000))).isEqualTo(Money.ofUsd("3.825"));
        var fiveMinuteOnly = new Price(3_000_000_000L, 15_000_000_000L, 300_000_000L, 3_750_000_000L);
        assertThat(Costs.of(fiveMinuteOnly, new Usage(1_000_000, 0, 0, 500_000, 200_000))).isEqualTo(Money.ofUsd("3.375"));
    }

    @Test
    void shouldRoundOnlyOncePerRequestHalfUp() {
        var subNano = new Price(1_500, 0, null); // $0.0000015 per 1M: 0.0015 nano-USD per token
        assertThat(Costs.of(subNano, new Usage(1_000, 0, 0))).isEqualTo(Money.ofNanos(2)); // 1.5 → 2
        assertThat(Costs.of(subNano, new Usage(999, 0, 0))).isEqualTo(Money.ofNanos(1)); // 1.4985 → 1
    }

    @Test
    void shouldCostNothingWithoutTokens() {
        assertThat(Costs.of(CLAUDE_SONNET, Usage.NONE)).isEqualTo(Money.ZERO);
    }
}
