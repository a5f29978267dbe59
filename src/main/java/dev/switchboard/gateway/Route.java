package dev.switchboard.gateway;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.vault.Credential;

/** Where a call for a model goes: the model, the provider serving it, and the credential to present. */
record Route(Model model, Provider provider, Credential credential) {

    UpstreamTarget target() {
        return new UpstreamTarget(provider.id(), provider.baseUrl(), credential.apiKey(), model.upstreamModel());
    }
}
