package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.vault.Credential;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat call, decided: who asks, for which model, served by which provider with which credential, and the
 * canonical request to send (its {@code model} already the upstream id).
 */
record ChatCall(Caller caller, Model model, Provider provider, Credential credential, ObjectNode request,
                boolean stream, boolean clientWantsUsage, long startedNanos) {

    UpstreamTarget target() {
        return new UpstreamTarget(provider.id(), provider.baseUrl(), credential.apiKey(), model.upstreamModel());
    }
}
