package dev.switchboard.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * Providers and models, read from the database and served from memory; nothing on the request path touches the database
 * for them. {@link #reload()} after a change on this instance; {@link CatalogRefresh} calls {@link #refreshIfChanged()}
 * to pick up other instances' changes. A model answers to its name and to each of its aliases.
 */
@Service
public class Catalog {

    private final CatalogRows rows;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    Catalog(CatalogRows rows) {
        this.rows = rows;
        reload();
    }

    /** Reads everything again. Serialised, so the last reload to finish is also the last to start and holds the newest rows. */
    public synchronized void reload() {
        var version = rows.version();
        var loaded = rows.providers();
        var providers = loaded.stream().map(CatalogRows.LoadedProvider::provider)
                .collect(Collectors.toUnmodifiableMap(Provider::id, Function.identity()));
        var sources = loaded.stream().collect(Collectors.toUnmodifiableMap(p -> p.provider().id(), CatalogRows.LoadedProvider::baseUrlSource));
        var models = rows.models().stream().collect(Collectors.toUnmodifiableMap(Model::name, Function.identity()));
        var names = new HashMap<String, Model>(models);
        models.values().forEach(m -> m.aliases().forEach(alias -> names.putIfAbsent(alias, m)));
        snapshot.set(new Snapshot(version, providers, sources, models, Map.copyOf(names)));
    }

    /** Reloads when another instance (or this one) changed the catalog since the last reload; says whether it did. */
    public boolean refreshIfChanged() {
        if (rows.version() == snapshot.get().version) {
            return false;
        }
        reload();
        return true;
    }

    /** The active model with that name or alias, whose provider is enabled. */
    public Optional<Model> model(String nameOrAlias) {
        var current = snapshot.get();
        return Optional.ofNullable(current.names.get(nameOrAlias))
                .filter(Model::active)
                .filter(m -> current.providers.get(m.providerId()).enabled());
    }

    /** The disabled provider of the active model with that name or alias: why {@link #model} found none, if that is why. */
    public Optional<Provider> disabledProviderOf(String nameOrAlias) {
        var current = snapshot.get();
        return Optional.ofNullable(current.names.get(nameOrAlias))
                .filter(Model::active)
                .map(m -> current.providers.get(m.providerId()))
                .filter(p -> !p.enabled());
    }

    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(snapshot.get().providers.get(id));
    }

    public Provider providerOf(Model model) {
        return snapshot.get().providers.get(model.providerId());
    }

    /** Where the provider's base URL comes from: the admin's setting, the environment, or the preset. */
    public BaseUrlSource baseUrlSource(Provider provider) {
        return snapshot.get().baseUrlSources.get(provider.id());
    }

    /** Active models of enabled providers, by name. */
    public List<Model> activeModels() {
        return modelsOfEnabledProviders().stream().filter(Model::active).toList();
    }

    /** Every model of an enabled provider, active or not, by name. */
    public List<Model> modelsOfEnabledProviders() {
        var current = snapshot.get();
        return allModels().stream().filter(m -> current.providers.get(m.providerId()).enabled()).toList();
    }

    /** Every model, active or not, whatever its provider's state, by name: what an admin sees. */
    public List<Model> allModels() {
        return snapshot.get().models.values().stream().sorted(Comparator.comparing(Model::name)).toList();
    }

    /** Any model by its id, active or not. */
    public Optional<Model> modelById(String id) {
        return snapshot.get().models.values().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Collection<Provider> providers() {
        return snapshot.get().providers.values();
    }

    /** The per-image price of a model at that size and quality, if the model has one. */
    public Optional<ImagePrice> imagePrice(Model model, String size, String quality) {
        return imagePrices(model).stream().filter(p -> p.size().equals(size) && p.quality().equals(quality)).findFirst();
    }

    /** Every per-image price of a model (empty for models not billed per image), as the call's Model holds them. */
    public List<ImagePrice> imagePrices(Model model) {
        return model.imagePrices();
    }

    private record Snapshot(long version, Map<String, Provider> providers, Map<String, BaseUrlSource> baseUrlSources,
                            Map<String, Model> models, Map<String, Model> names) {
    }
}
