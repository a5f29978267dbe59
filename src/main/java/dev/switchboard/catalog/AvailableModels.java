package dev.switchboard.catalog;

import java.util.List;
import java.util.Optional;

import dev.switchboard.access.Caller;
import org.springframework.stereotype.Service;

/**
 * The one answer to "which models may this caller use": models of enabled providers for which the caller holds a
 * usable credential ({@link ProviderAccess}) and that its key or API client may use ({@code allowed_models}). Every listing ({@code /v1/models}, {@code /api/llm-models}, the console)
 * asks here.
 */
@Service
public class AvailableModels {

    private final Catalog catalog;
    private final ProviderAccess access;

    AvailableModels(Catalog catalog, ProviderAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    /** The active models the caller can use, by name. */
    public List<Model> usableBy(Caller caller) {
        return usableBy(caller, true);
    }

    /** The caller's usable models that are active ({@code true}) or inactive ({@code false}), by name. */
    public List<Model> usableBy(Caller caller, boolean active) {
        return catalog.modelsOfEnabledProviders().stream()
                .filter(m -> m.active() == active)
                .filter(m -> caller.limits().allows(m.name(), m.aliases()))
                .filter(m -> access.usable(caller, catalog.providerOf(m)))
                .toList();
    }

    /** One of the caller's usable models, active or not, by its name or its id. */
    public Optional<Model> find(Caller caller, String nameOrId) {
        return catalog.modelsOfEnabledProviders().stream()
                .filter(m -> m.name().equals(nameOrId) || m.id().equals(nameOrId))
                .filter(m -> caller.limits().allows(m.name(), m.aliases()))
                .filter(m -> access.usable(caller, catalog.providerOf(m)))
                .findFirst();
    }
}
