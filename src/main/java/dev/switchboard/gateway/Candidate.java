package dev.switchboard.gateway;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;

/** A model and the provider that serves it: one place a call may go (routing adds weights and fallbacks). */
record Candidate(Model model, Provider provider) {
}
