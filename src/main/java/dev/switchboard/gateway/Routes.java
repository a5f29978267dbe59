package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.access.LlmMode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.vault.Credential;
import dev.switchboard.vault.CredentialRefused;
import dev.switchboard.vault.Credentials;
import org.springframework.stereotype.Component;

/**
 * Decides the {@link Route} for a caller and a model name, whatever the inbound dialect: the model must exist and be
 * active, and a credential must be available for its provider (or the request's own BYOK headers must be usable:
 * {@link CredentialRefused} becomes a 400). Refusals are {@link GatewayException}s that each dialect's error handler
 * renders.
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
        Credential credential;
        try {
            credential = credentials.resolve(caller, provider).orElseThrow(() -> keyMissing(caller, provider, modelName));
        } catch (CredentialRefused e) {
            throw new GatewayException(400, "invalid_request_error", e.code(), null, e.getMessage());
        }
        return new Route(model, provider, credential);
    }

    private static GatewayException keyMissing(Caller caller, Provider provider, String modelName) {
        var own = "add your own " + provider.displayName() + " key (PATCH /api/users/me/api-key) or send it as X-BYOK-API-Key";
        var hint = caller.llmMode() == LlmMode.BYOK
                ? "You are in BYOK mode, so managed keys are not used: " + own + "."
                : "Set " + (provider.keyEnv() == null ? "its base URL" : provider.keyEnv()) + " or " + own + ".";
        return new GatewayException(400, "invalid_request_error", "provider_key_missing", "model",
                "No API key is available for " + provider.displayName() + ", which serves '" + modelName + "'. " + hint);
    }
}
