package dev.switchboard.gateway;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.vault.Credential;

/**
 * Where a call for a model goes: the model, the provider serving it, and the credential to present. A credential that
 * brings its own base URL (a checked {@code X-BYOK-Base-URL}) sends the call there instead of to the provider's.
 */
record Route(Model model, Provider provider, Credential credential) {

    UpstreamTarget target() {
        var baseUrl = credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl();
        return new UpstreamTarget(provider.id(), baseUrl, credential.apiKey(), model.upstreamModel());
    }
}
