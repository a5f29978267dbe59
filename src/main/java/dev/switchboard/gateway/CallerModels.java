package dev.switchboard.gateway;

import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.vault.Credentials;
import org.springframework.stereotype.Component;

/** The models a caller can actually use: active, and served by a provider for which it has a credential. */
@Component
class CallerModels {

    private final Catalog catalog;
    private final Credentials credentials;

    CallerModels(Catalog catalog, Credentials credentials) {
        this.catalog = catalog;
        this.credentials = credentials;
    }

    List<Model> usable(Caller caller) {
        return catalog.activeModels().stream()
                .filter(m -> credentials.usable(caller, catalog.providerOf(m)))
                .toList();
    }
}
