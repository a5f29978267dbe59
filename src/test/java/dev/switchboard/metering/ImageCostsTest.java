package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.ImagePrice;
import dev.switchboard.money.Money;
import org.junit.jupiter.api.Test;

class ImageCostsTest {

    @Test
    void shouldBillImagesAsCountTimesThePerImagePrice() {
        var hd = new ImagePrice("m-dall-e-3", "1024x1792", "hd", 120_000_000);

        assertThat(Costs.ofImages(hd, 3)).isEqualTo(Money.ofUsd("0.36"));
        assertThat(Costs.ofImages(hd, 0)).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> Costs.ofImages(hd, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
