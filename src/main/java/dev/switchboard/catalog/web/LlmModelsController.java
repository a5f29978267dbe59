package dev.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.AvailableModels;
import dev.switchboard.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/llm-models} and {@code GET /api/llm-models/{id}}: the models this caller can use (its own keys, the
 * pool, the environment fallback), with prices as decimal USD per 1M tokens.
 */
@RestController
class LlmModelsController {

    private final Catalog catalog;
    private final AvailableModels available;

    LlmModelsController(Catalog catalog, AvailableModels available) {
        this.catalog = catalog;
        this.available = available;
    }

    @GetMapping("/api/llm-models")
    ModelPage list(Caller caller, @RequestParam(name = "is_active", defaultValue = "true") boolean active) {
        var models = available.usableBy(caller, active).stream().map(this::view).toList();
        return new ModelPage(models, models.size());
    }

    @GetMapping("/api/llm-models/{id}")
    ModelView one(Caller caller, @PathVariable String id) {
        return available.find(caller, id).map(this::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No model '" + id + "' that you can use. Add a key for its provider to use it."));
    }

    private ModelView view(Model m) {
        Provider p = catalog.providerOf(m);
        var cached = m.price().cachedInputPerMillion();
        return new ModelView(m.id(), m.name(), m.displayName(), p.id(), p.displayName(), m.upstreamModel(), m.kind(),
                Money.ofNanos(m.price().inputPerMillion()).toUsd(), Money.ofNanos(m.price().outputPerMillion()).toUsd(),
                cached == null ? null : Money.ofNanos(cached).toUsd(),
                BigDecimal.valueOf(p.creditMultiplierMilli(), 3).stripTrailingZeros(), m.active(),
                Instant.ofEpochMilli(m.createdAtMillis()).toString());
    }

    record ModelPage(List<ModelView> data, int count) {
    }

    record ModelView(String id, String name, @JsonProperty("display_name") String displayName,
                     @JsonProperty("provider_id") String providerId, @JsonProperty("provider_name") String providerName,
                     @JsonProperty("model_id") String modelId, String kind,
                     @JsonProperty("input_price_per_1m") BigDecimal inputPricePer1m,
                     @JsonProperty("output_price_per_1m") BigDecimal outputPricePer1m,
                     @JsonProperty("cached_input_price_per_1m") BigDecimal cachedInputPricePer1m,
                     @JsonProperty("credit_multiplier") BigDecimal creditMultiplier,
                     @JsonProperty("is_active") boolean active, @JsonProperty("created_at") String createdAt) {
    }
}
