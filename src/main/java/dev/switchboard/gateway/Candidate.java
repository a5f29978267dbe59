package dev.switchboard.gateway;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.routing.Step;

/**
 * A model and the provider that serves it: one place a call may go, as routing's {@link Step} planned it ({@code model}
 * names the deployment's provider and upstream id); the step is null for a call outside a route (an admin's key test).
 */
record Candidate(Model model, Provider provider, Step step) {

    Candidate(Model model, Provider provider) {
        this(model, provider, null);
    }
}
