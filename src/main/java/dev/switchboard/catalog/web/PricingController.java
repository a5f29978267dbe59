package dev.switchboard.catalog.web;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/pricing/providers}, public: every enabled provider with its credit multiplier and its active models'
 * prices in USD per 1M tokens (what a member is charged is the price times the multiplier). No keys, no base URLs.
 */
@RestController
class PricingController {

    private final Catalog catalog;

    PricingController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/pricing/providers")
    List<ProviderPricing> providers() {
        var models = catalog.activeModels();
        return catalog.providers().stream()
                .filter(Provider::enabled)
                .sorted(Comparator.comparing(Provider::id))
                .map(p -> new ProviderPricing(p.id(), p.displayName(), BigDecimal.valueOf(p.creditMultiplierMilli(), 3).stripTrailingZeros(),
                        models.stream().filter(m -> m.providerId().equals(p.id())).map(ModelPricing::of).toList()))
                .toList();
    }

    record ProviderPricing(String id, String name, @JsonProperty("credit_multiplier") BigDecimal creditMultiplier,
                           List<ModelPricing> models) {
    }

    record ModelPricing(String name, String kind, @JsonProperty("input_price_per_1m") BigDecimal inputPricePer1m,
                        @JsonProperty("output_price_per_1m") BigDecimal outputPricePer1m,
                        @JsonProperty("cached_input_price_per_1m") BigDecimal cachedInputPricePer1m) {
        static ModelPricing of(Model m) {
            var price = m.price();
            return new ModelPricing(m.name(), m.kind(), usd(price.inputPerMillion()), usd(price.outputPerMillion()),
                    price.cachedInputPerMillion() == null ? null : usd(price.cachedInputPerMillion()));
        }

        private static BigDecimal usd(long nanos) {
            return dev.switchboard.money.Money.ofNanos(nanos).toUsd();
        }
    }
}
