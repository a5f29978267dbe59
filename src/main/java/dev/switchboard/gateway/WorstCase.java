package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;

import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest.Billing;
import dev.switchboard.metering.Costs;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The most a call can cost on a candidate, reserved against limits before it is sent and settled to the real cost after:
 * its prompt estimated at one token per four bytes of the request's text (inline images and files, {@code data:} URLs and
 * base64 sources, are left out: providers bill them apart and far below their size), plus {@code max_tokens} (or, when
 * the caller set none, {@link #DEFAULT_MAX_OUTPUT_TOKENS}) at the output price. Images cost their price times {@code n};
 * counting tokens nothing.
 */
@Component
class WorstCase {

    /** The output assumed for a request that sets no {@code max_tokens}: Anthropic's default limit for such requests. */
    static final long DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    private final ImagePricing imagePricing;

    WorstCase(ImagePricing imagePricing) {
        this.imagePricing = imagePricing;
    }

    long nanos(CallRequest request, Model model) {
        return switch (request.billing()) {
            case Billing.Free free -> 0;
            case Billing.Images images -> {
                var price = imagePricing.price(model, images);
                yield price == null ? 0 : Costs.ofImages(price, images.n()).nanoUsd();
            }
            case Billing.Tokens tokens -> {
                var input = Math.min(Usage.MAX_TOKENS, (textBytes(request.body()) + 3) / 4);
                var output = request.endpoint() == Endpoint.EMBEDDINGS ? 0
                        : Math.min(Usage.MAX_TOKENS, request.maxOutputTokens() == null ? DEFAULT_MAX_OUTPUT_TOKENS : request.maxOutputTokens());
                yield Costs.of(model.price(), new Usage(input, output, 0)).nanoUsd();
            }
        };
    }

    static long textBytes(JsonNode node) {
        if (node.isString()) {
            var text = node.stringValue();
            return text.startsWith("data:") ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isObject() && "base64".equals(node.path("type").asString(""))) {
            return 0;
        }
        var total = 0L;
        for (var child : node) {
            total += textBytes(child);
        }
        return total;
    }
}
