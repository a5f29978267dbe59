package dev.switchboard.gateway;

import java.util.List;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import org.springframework.stereotype.Component;

/**
 * Where a call for a model may go, in the order to try them. Today one candidate, the model's own provider; the routing
 * issue adds deployments, weights and fallbacks here, and the pipeline already tries each in turn.
 */
@Component
class Candidates {

    private final Catalog catalog;

    Candidates(Catalog catalog) {
        this.catalog = catalog;
    }

    List<Candidate> of(CallRequest request, Model model) {
        return List.of(new Candidate(model, catalog.providerOf(model)));
    }
}
