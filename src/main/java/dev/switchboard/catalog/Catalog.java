package dev.switchboard.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * Providers and models, read once from the database and served from memory; {@link #reload()} after a change.
 * Nothing on the request path touches the database for them.
 */
@Service
public class Catalog {

    private final CatalogRows rows;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    Catalog(CatalogRows rows) {
        this.rows = rows;
        reload();
    }

    public void reload() {
        var providers = rows.providers().stream().collect(Collectors.toUnmodifiableMap(Provider::id, Function.identity()));
        var models = rows.models().stream().collect(Collectors.toUnmodifiableMap(Model::name, Function.identity()));
        var imagePrices = rows.imagePrices().stream().collect(Collectors.groupingBy(ImagePrice::modelId,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        snapshot.set(new Snapshot(providers, models, Map.copyOf(imagePrices)));
    }

    /** The active model with that name, whose provider is enabled. */
    public Optional<Model> model(String name) {
        var current = snapshot.get();
        return Optional.ofNullable(current.models.get(name))
                .filter(Model::active)
                .filter(m -> current.providers.get(m.providerId()).enabled());
    }

    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(snapshot.get().providers.get(id));
    }

    public Provider providerOf(Model model) {
        return snapshot.get().providers.get(model.providerId());
    }

    /** Active models of enabled providers, by name. */
    public List<Model> activeModels() {
        var current = snapshot.get();
        return current.models.values().stream()
                .filter(Model::active)
                .filter(m -> current.providers.get(m.providerId()).enabled())
                .sorted(java.util.Comparator.comparing(Model::name))
                .toList();
    }

    /** Every model of an enabled provider, active or not, by name. */
    public List<Model> modelsOfEnabledProviders() {
        var current = snapshot.get();
        return current.models.values().stream()
                .filter(m -> current.providers.get(m.providerId()).enabled())
                .sorted(java.util.Comparator.comparing(Model::name))
                .toList();
    }

    public Collection<Provider> providers() {
        return snapshot.get().providers.values();
    }

    /** The per-image price of a model at that size and quality, if the catalog has one. */
    public Optional<ImagePrice> imagePrice(Model model, String size, String quality) {
        return imagePrices(model).stream().filter(p -> p.size().equals(size) && p.quality().equals(quality)).findFirst();
    }

    /** Every per-image price of a model (empty for models not billed per image). */
    public List<ImagePrice> imagePrices(Model model) {
        return snapshot.get().imagePrices.getOrDefault(model.id(), List.of());
    }

    private record Snapshot(Map<String, Provider> providers, Map<String, Model> models, Map<String, List<ImagePrice>> imagePrices) {
    }
}
