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
        snapshot.set(new Snapshot(providers, models));
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

    private record Snapshot(Map<String, Provider> providers, Map<String, Model> models) {
    }
}
