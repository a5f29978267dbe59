package dev.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogAdmin;
import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.catalog.ImagePrice;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.DeploymentHealth;
import dev.switchboard.catalog.ModelRouting;
import dev.switchboard.catalog.ModelSpec;
import dev.switchboard.catalog.Price;
import dev.switchboard.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/models}: every model, active or not, whatever its provider's state ({@code ?provider=} filters),
 * with prices in decimal USD per 1M tokens and per image. {@code POST} creates one ({@code name}, {@code provider},
 * {@code input_price_per_1m} and {@code output_price_per_1m} required); {@code PUT} changes the fields it names (a
 * {@code null} clears {@code cached_input_price_per_1m}, {@code cache_write_price_per_1m},
 * {@code cache_write_1h_price_per_1m}, {@code context_window} or {@code max_output_tokens}; a list given replaces the
 * list; the routing fields are {@link RoutingJson}'s, and each deployment is shown with its health); {@code DELETE}
 * removes the model, its aliases and image prices, and keeps its usage history.
 */
@RestController
class AdminModelsController {

    private static final Set<String> FIELDS = Stream.concat(Stream.of("name", "provider", "upstream_model", "display_name", "kind",
            "input_price_per_1m", "output_price_per_1m", "cached_input_price_per_1m", "cache_write_price_per_1m",
            "cache_write_1h_price_per_1m", "image_prices", "context_window",
            "max_output_tokens", "active", "aliases"), RoutingJson.FIELDS.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> IMAGE_PRICE_FIELDS = Set.of("size", "quality", "price_per_image");

    private final Catalog catalog;
    private final CatalogAdmin admin;
    private final DeploymentHealth health;

    AdminModelsController(Catalog catalog, CatalogAdmin admin, DeploymentHealth health) {
        this.catalog = catalog;
        this.admin = admin;
        this.health = health;
    }

    @GetMapping("/api/admin/models")
    ModelPage list(@RequestParam(required = false) String provider) {
        if (provider != null && catalog.provider(provider).isEmpty()) {
            throw AdminJson.invalid("provider", "'provider' names no provider: '" + provider + "'.");
        }
        var models = catalog.allModels().stream().filter(m -> provider == null || m.providerId().equals(provider))
                .map(this::view).toList();
        return new ModelPage(models, models.size());
    }

    @GetMapping("/api/admin/models/{id}")
    ModelView one(@PathVariable String id) {
        return view(existing(id));
    }

    @PostMapping("/api/admin/models")
    ResponseEntity<ModelView> create(@RequestBody(required = false) String body) {
        var json = AdminJson.parse(body, FIELDS);
        for (var required : List.of("name", "provider", "input_price_per_1m", "output_price_per_1m")) {
            if (!json.has(required)) {
                throw AdminJson.invalid(required, "'" + required + "' is required.");
            }
        }
        var name = json.string("name");
        var fresh = new ModelSpec(name, null, name, name, Model.CHAT, new Price(0, 0, null), List.of(), Model.Limits.NONE, true, List.of(),
                ModelRouting.NONE);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(admin.createModel(applied(json, fresh))));
    }

    @PutMapping("/api/admin/models/{id}")
    ModelView update(@PathVariable String id, @RequestBody(required = false) String body) {
        var current = existing(id);
        return view(admin.updateModel(id, applied(AdminJson.parse(body, FIELDS), ModelSpec.of(current))));
    }

    @DeleteMapping("/api/admin/models/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        admin.deleteModel(id);
        return ResponseEntity.noContent().build();
    }

    private Model existing(String id) {
        return catalog.modelById(id).orElseThrow(() -> CatalogChangeRefused.notFound("No model with id '" + id + "'."));
    }

    /** The spec with the body's fields applied: a field left out keeps its value. */
    private static ModelSpec applied(AdminJson json, ModelSpec base) {
        var price = base.price();
        var limits = base.limits();
        return new ModelSpec(
                json.has("name") ? json.string("name") : base.name(),
                json.has("provider") ? json.string("provider") : base.providerId(),
                json.has("upstream_model") ? json.string("upstream_model") : base.upstreamModel(),
                json.has("display_name") ? json.string("display_name") : base.displayName(),
                json.has("kind") ? json.string("kind") : base.kind(),
                new Price(json.has("input_price_per_1m") ? json.usd("input_price_per_1m") : price.inputPerMillion(),
                        json.has("output_price_per_1m") ? json.usd("output_price_per_1m") : price.outputPerMillion(),
                        nullableUsd(json, "cached_input_price_per_1m", price.cachedInputPerMillion()),
                        nullableUsd(json, "cache_write_price_per_1m", price.cacheWritePerMillion()),
                        nullableUsd(json, "cache_write_1h_price_per_1m", price.longCacheWritePerMillion())),
                json.has("image_prices") ? imagePrices(json) : base.imagePrices(),
                new Model.Limits(nullableInt(json, "context_window", limits.contextWindow()),
                        nullableInt(json, "max_output_tokens", limits.maxOutputTokens())),
                json.has("active") ? json.bool("active") : base.active(),
                json.has("aliases") ? (json.isNull("aliases") ? List.of() : json.strings("aliases")) : base.aliases(),
                RoutingJson.applied(json, base.routing()));
    }

    private ModelView view(Model model) {
        return ModelView.of(model, health);
    }

    private static List<ImagePrice> imagePrices(AdminJson json) {
        if (json.isNull("image_prices")) {
            return List.of();
        }
        return json.objects("image_prices", IMAGE_PRICE_FIELDS).stream()
                .map(p -> new ImagePrice(null, p.string("size"), p.string("quality"), p.usd("price_per_image")))
                .toList();
    }

    private static Long nullableUsd(AdminJson json, String field, Long current) {
        if (!json.has(field)) {
            return current;
        }
        return json.isNull(field) ? null : json.usd(field);
    }

    private static Integer nullableInt(AdminJson json, String field, Integer current) {
        if (!json.has(field)) {
            return current;
        }
        return json.isNull(field) ? null : json.positiveInt(field);
    }

    record ModelPage(List<ModelView> data, int count) {
    }

    record ImagePriceView(String size, String quality, @JsonProperty("price_per_image") BigDecimal pricePerImage) {
    }

    record ModelView(String id, String name, @JsonProperty("display_name") String displayName, String provider,
                     @JsonProperty("upstream_model") String upstreamModel, String kind,
                     @JsonProperty("input_price_per_1m") BigDecimal inputPricePer1m,
                     @JsonProperty("output_price_per_1m") BigDecimal outputPricePer1m,
                     @JsonProperty("cached_input_price_per_1m") BigDecimal cachedInputPricePer1m,
                     @JsonProperty("cache_write_price_per_1m") BigDecimal cacheWritePricePer1m,
                     @JsonProperty("cache_write_1h_price_per_1m") BigDecimal longCacheWritePricePer1m,
                     @JsonProperty("image_prices") List<ImagePriceView> imagePrices,
                     @JsonProperty("context_window") Integer contextWindow,
                     @JsonProperty("max_output_tokens") Integer maxOutputTokens, boolean active, List<String> aliases,
                     @JsonProperty("created_at") String createdAt, List<RoutingJson.DeploymentView> deployments,
                     String strategy, @JsonProperty("max_retries") Integer maxRetries, List<String> fallbacks,
                     @JsonProperty("context_window_fallback") String contextWindowFallback,
                     @JsonProperty("connect_timeout_ms") Long connectTimeoutMs, @JsonProperty("first_byte_timeout_ms") Long firstByteTimeoutMs,
                     @JsonProperty("stream_idle_timeout_ms") Long streamIdleTimeoutMs, @JsonProperty("deadline_ms") Long deadlineMs) {

        static ModelView of(Model m, DeploymentHealth health) {
            var r = m.routing();
            var t = r.timeouts();
            var cached = m.price().cachedInputPerMillion();
            var cacheWrite = m.price().cacheWritePerMillion();
            var longCacheWrite = m.price().longCacheWritePerMillion();
            return new ModelView(m.id(), m.name(), m.displayName(), m.providerId(), m.upstreamModel(), m.kind(),
                    usd(m.price().inputPerMillion()), usd(m.price().outputPerMillion()), cached == null ? null : usd(cached),
                    cacheWrite == null ? null : usd(cacheWrite), longCacheWrite == null ? null : usd(longCacheWrite),
                    m.imagePrices().stream().map(p -> new ImagePriceView(p.size(), p.quality(), usd(p.perImageNanoUsd()))).toList(),
                    m.limits().contextWindow(), m.limits().maxOutputTokens(), m.active(), m.aliases(),
                    Instant.ofEpochMilli(m.createdAtMillis()).toString(), RoutingJson.DeploymentView.of(m, health), r.strategy(),
                    r.maxRetries(), r.fallbacks(), r.contextFallback(), RoutingJson.millis(t.connect()), RoutingJson.millis(t.firstByte()),
                    RoutingJson.millis(t.streamIdle()), RoutingJson.millis(t.deadline()));
        }

        private static BigDecimal usd(long nanos) {
            return Money.ofNanos(nanos).toUsd();
        }
    }
}
