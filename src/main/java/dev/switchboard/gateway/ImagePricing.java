package dev.switchboard.gateway;

import java.util.List;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.ImagePrice;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest.Billing;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Images are billed per image from the catalog's price table, so a size or quality without a price is refused before any
 * upstream call. A size or quality the caller left out takes {@code auto} where the model is priced for it, otherwise
 * {@code 1024x1024} and {@code standard} (what the providers default to).
 */
@Component
@Order(20)
class ImagePricing implements CallPolicy {

    private final Catalog catalog;

    ImagePricing(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Decision<Void> check(CallRequest request, Candidate candidate) {
        if (!(request.billing() instanceof Billing.Images images) || price(candidate.model(), images) != null) {
            return Decision.allowed();
        }
        var prices = catalog.imagePrices(candidate.model());
        var size = size(prices, images);
        var quality = quality(prices, images);
        return new Decision.Refused<>(Refusal.invalid(prices.stream().anyMatch(p -> p.size().equals(size)) ? "quality" : "size",
                "unsupported_image_option", "The model '" + candidate.model().name() + "' has no price for size '" + size
                        + "' and quality '" + quality + "'. Priced: "
                        + String.join(", ", prices.stream().map(p -> p.size() + "/" + p.quality()).toList()) + "."));
    }

    /** The price of one image of this model at the requested (or default) size and quality; null when it has none. */
    ImagePrice price(Model model, Billing.Images images) {
        var prices = catalog.imagePrices(model);
        return catalog.imagePrice(model, size(prices, images), quality(prices, images)).orElse(null);
    }

    private static String size(List<ImagePrice> prices, Billing.Images images) {
        return images.size() != null ? images.size() : prices.stream().anyMatch(p -> p.size().equals("auto")) ? "auto" : "1024x1024";
    }

    private static String quality(List<ImagePrice> prices, Billing.Images images) {
        return images.quality() != null ? images.quality()
                : prices.stream().anyMatch(p -> p.quality().equals("auto")) ? "auto" : "standard";
    }
}
