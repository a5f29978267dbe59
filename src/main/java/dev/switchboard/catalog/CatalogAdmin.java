package dev.switchboard.catalog;

import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin's changes to providers and models. Each change is one transaction that first bumps the catalog version (so
 * changes are serialised, and other instances reload within their refresh period), then checks what needs the database
 * (the provider exists, no other model answers to the name or an alias) and writes; after the commit this instance's
 * {@link Catalog} is reloaded, so the next request sees the change. A request already under way keeps the Model it
 * started with. Refusals are {@link CatalogChangeRefused}.
 */
@Service
public class CatalogAdmin {

    private final CatalogWrites writes;
    private final TransactionTemplate transactions;
    private final Catalog catalog;

    private final org.springframework.context.ApplicationEventPublisher events;

    CatalogAdmin(CatalogWrites writes, TransactionTemplate transactions, Catalog catalog,
                 org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.writes = writes;
        this.transactions = transactions;
        this.catalog = catalog;
    }

    public Provider updateProvider(String id, ProviderSettings settings) {
        CatalogChecks.check(settings);
        change(() -> {
            if (!writes.updateProvider(id, settings)) {
                throw noProvider(id);
            }
        });
        return catalog.provider(id).orElseThrow(() -> noProvider(id));
    }

    public Model createModel(ModelSpec spec) {
        CatalogChecks.check(spec);
        var id = UUID.randomUUID().toString();
        change(() -> {
            checkAgainstOthers(id, spec);
            writes.insertModel(id, spec, System.currentTimeMillis());
        });
        return catalog.modelById(id).orElseThrow(() -> noModel(id));
    }

    /** Replaces everything but the id and creation time; the caller applies a partial change to {@link ModelSpec#of}. */
    public Model updateModel(String id, ModelSpec spec) {
        CatalogChecks.check(spec);
        change(() -> {
            checkAgainstOthers(id, spec);
            if (!writes.updateModel(id, spec)) {
                throw noModel(id);
            }
        });
        return catalog.modelById(id).orElseThrow(() -> noModel(id));
    }

    /**
     * Deletes the model: its row, aliases and image prices. Its usage records stay as they are (they name the model,
     * they do not refer to its row), so reports keep its history; a request under way finishes at its old price.
     */
    public void deleteModel(String id) {
        change(() -> {
            if (!writes.deleteModel(id)) {
                throw noModel(id);
            }
        });
    }

    private void checkAgainstOthers(String id, ModelSpec spec) {
        if (!writes.providerExists(spec.providerId())) {
            throw CatalogChangeRefused.invalid("provider", "'provider' names no provider: '" + spec.providerId() + "'.");
        }
        for (var deployment : spec.routing().deployments()) {
            if (!writes.providerExists(deployment.providerId())) {
                throw CatalogChangeRefused.invalid("deployments", "'deployments' names no provider: '" + deployment.providerId() + "'.");
            }
        }
        var routing = spec.routing();
        var fallbacks = routing.contextFallback() == null ? routing.fallbacks()
                : Stream.concat(routing.fallbacks().stream(), Stream.of(routing.contextFallback())).toList();
        for (var fallback : fallbacks) {
            if (writes.holderOf(fallback, id).isEmpty()) {
                var field = routing.fallbacks().contains(fallback) ? "fallbacks" : "context_window_fallback";
                throw CatalogChangeRefused.invalid(field, "'" + field + "' names no model: '" + fallback + "'.");
            }
        }
        Stream.concat(Stream.of(spec.name()), spec.aliases().stream()).forEach(name ->
                writes.holderOf(name, id).ifPresent(holder -> {
                    var field = name.equals(spec.name()) ? "name" : "aliases";
                    throw CatalogChangeRefused.invalid(field, "'" + field + "': the model '" + holder + "' already answers to '" + name + "'.");
                }));
    }

    private void change(Runnable write) {
        transactions.executeWithoutResult(status -> {
            writes.bumpVersion();
            write.run();
        });
        catalog.reload();
        events.publishEvent(dev.switchboard.access.Invalidation.of(dev.switchboard.access.Invalidation.Scope.CATALOG, null));
    }

    private static CatalogChangeRefused noProvider(String id) {
        return CatalogChangeRefused.notFound("No provider with id '" + id + "'.");
    }

    private static CatalogChangeRefused noModel(String id) {
        return CatalogChangeRefused.notFound("No model with id '" + id + "'.");
    }
}
