package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.vault.Credential;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat call, decided: who asks, its route (model, provider, credential), and the canonical request to send (its
 * {@code model} already the upstream id).
 */
record ChatCall(Caller caller, Route route, ObjectNode request, boolean stream, boolean clientWantsUsage, long startedNanos) {

    Model model() {
        return route.model();
    }

    Provider provider() {
        return route.provider();
    }

    Credential credential() {
        return route.credential();
    }

    UpstreamTarget target() {
        return route.target();
    }
}
