package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.vault.Credentials;
import org.springframework.stereotype.Component;

/**
 * Decides the {@link Route} for a caller and a model name, whatever the inbound dialect: the model must exist and be
 * active, and a credential must be available for its provider. Refusals are {@link GatewayException}s that each
 * dialect's error handler renders.
 */
@Component
class Routes {

    private final Catalog catalog;
    private final Credentials credentials;

    Routes(Catalog catalog, Credentials credentials) {
        this.catalog = catalog;
        this.credentials = credentials;
    }

    Route resolve(Caller caller, String modelName) {
        var model = catalog.model(modelName).orElseThrow(() -> GatewayException.modelNotFound(modelName));
        var provider = catalog.providerOf(model);
        var credential = credentials.resolve(caller, provider).orElseThrow(() -> new GatewayException(400, "invalid_request_error",
                "provider_key_missing", "model", "No API key is configured for " + provider.displayName() + ", which serves '"
                + modelName + "'. Set " + (provider.keyEnv() == null ? "its base URL" : provider.keyEnv()) + " or add a key for it."));
        return new Route(model, provider, credential);
    }
}
