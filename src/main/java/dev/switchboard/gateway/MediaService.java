package dev.switchboard.gateway;

import java.util.function.Supplier;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.ImagePrice;
import dev.switchboard.metering.Costs;
import dev.switchboard.money.Money;
import dev.switchboard.provider.MediaAdapters;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.UpstreamReply;
import dev.switchboard.provider.Usage;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings and image generation: checks the request, resolves the model (which must be of the endpoint's kind),
 * calls the provider's adapter and writes exactly one usage record for every call that reached it. Embeddings are
 * billed per input token at the model's input price. Images are billed per image from the catalog's price table for
 * the model, size and quality ({@code n ×} price), decided before any upstream call; tokens that gpt-image-1 reports
 * are recorded but do not change the bill.
 */
@Service
class MediaService {

    static final String EMBEDDINGS = "embeddings";
    static final String IMAGES = "images.generations";

    private final JsonMapper json;
    private final Routes routes;
    private final Catalog catalog;
    private final MediaAdapters adapters;
    private final CallMeter meter;

    MediaService(JsonMapper json, Routes routes, Catalog catalog, MediaAdapters adapters, CallMeter meter) {
        this.json = json;
        this.routes = routes;
        this.catalog = catalog;
        this.adapters = adapters;
        this.meter = meter;
    }

    ResponseEntity<byte[]> embeddings(Caller caller, byte[] body) {
        var started = System.nanoTime();
        var request = OpenAiBodies.parse(json, body);
        var modelName = OpenAiBodies.requireString(request, "model");
        checkInput(request.get("input"));
        var format = OpenAiBodies.optionalString(request, "encoding_format", "float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw GatewayException.invalid("encoding_format", "invalid_value", "'encoding_format' must be 'float' or 'base64'.");
        }
        OpenAiBodies.optionalInt(request, "dimensions", 0, 1, 65_536);
        var route = routes.resolve(caller, modelName);
        ModelKinds.require(route, ModelKinds.EMBEDDING, "/v1/embeddings");
        request.put("model", route.model().upstreamModel());
        var adapter = adapters.embeddings(route.provider().wireFormat());
        return call(caller, route, EMBEDDINGS, started, () -> adapter.embed(route.target(), request),
                usage -> Costs.of(route.model().price(), usage));
    }

    ResponseEntity<byte[]> images(Caller caller, byte[] body) {
        var started = System.nanoTime();
        var request = OpenAiBodies.parse(json, body);
        var modelName = OpenAiBodies.optionalString(request, "model", "dall-e-2");
        OpenAiBodies.requireString(request, "prompt");
        var n = OpenAiBodies.optionalInt(request, "n", 1, 1, 10);
        if (OpenAiBodies.optionalBoolean(request, "stream")) {
            throw GatewayException.invalid("stream", "unsupported_parameter", "Streaming image generation is not supported; omit 'stream'.");
        }
        var route = routes.resolve(caller, modelName);
        ModelKinds.require(route, ModelKinds.IMAGE, "/v1/images/generations");
        var price = imagePrice(route, request);
        request.put("model", route.model().upstreamModel());
        var adapter = adapters.images(route.provider().wireFormat());
        return call(caller, route, IMAGES, started, () -> adapter.generate(route.target(), request), usage -> Costs.ofImages(price, n));
    }

    private ImagePrice imagePrice(Route route, ObjectNode request) {
        var prices = catalog.imagePrices(route.model());
        var size = OpenAiBodies.optionalString(request, "size", prices.stream().anyMatch(p -> p.size().equals("auto")) ? "auto" : "1024x1024");
        var quality = OpenAiBodies.optionalString(request, "quality",
                prices.stream().anyMatch(p -> p.quality().equals("auto")) ? "auto" : "standard");
        return catalog.imagePrice(route.model(), size, quality).orElseThrow(() -> GatewayException.invalid(
                prices.stream().anyMatch(p -> p.size().equals(size)) ? "quality" : "size", "unsupported_image_option",
                "The model '" + route.model().name() + "' has no price for size '" + size + "' and quality '" + quality
                        + "'. Priced: " + String.join(", ", prices.stream().map(p -> p.size() + "/" + p.quality()).toList()) + "."));
    }

    private ResponseEntity<byte[]> call(Caller caller, Route route, String endpoint, long started, Supplier<UpstreamReply> upstream,
                                        java.util.function.Function<Usage, Money> cost) {
        UpstreamReply reply;
        try {
            reply = upstream.get();
        } catch (ProviderException e) {
            if (e.reachedProvider()) {
                meter.record(caller, route, endpoint, started, "error", OpenAiErrors.ErrorMapping.of(e).status(), Usage.NONE, Money.ZERO,
                        e.kind().name());
            }
            throw e;
        } catch (RuntimeException e) {
            meter.record(caller, route, endpoint, started, "error", 500, Usage.NONE, Money.ZERO, ChatService.INTERNAL);
            throw e;
        }
        meter.record(caller, route, endpoint, started, "ok", 200, reply.usage(), cost.apply(reply.usage()), null);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }

    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw GatewayException.missing("input");
        }
        var valid = input.isString() || (input.isArray() && !input.isEmpty() && (allMatch(input, JsonNode::isString)
                || allMatch(input, JsonNode::isIntegralNumber)
                || allMatch(input, item -> item.isArray() && !item.isEmpty() && allMatch(item, JsonNode::isIntegralNumber))));
        if (!valid) {
            throw GatewayException.invalid("input", "invalid_type",
                    "'input' must be a string, an array of strings, an array of tokens, or an array of token arrays.");
        }
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (var item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }
}
