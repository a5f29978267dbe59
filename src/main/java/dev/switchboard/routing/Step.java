package dev.switchboard.routing;

import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting;

/**
 * One attempt of a call as routing planned it: the model (the one asked for, or a fallback), the deployment that serves
 * it (a provider and the model's id there, maybe a pinned pool key), the attempt's number within the call (1 for the
 * first) and the timeouts that bound it.
 */
public record Step(Model model, ModelRouting.Deployment deployment, int number, Timeouts timeouts, boolean fallback) {

    /** A model whose own deployment serves the step, as a Model the rest of the pipeline knows: its provider and id there. */
    public Model servingModel() {
        if (deployment.providerId().equals(model.providerId()) && deployment.upstreamModel().equals(model.upstreamModel())) {
            return model;
        }
        return new Model(model.id(), model.name(), deployment.providerId(), deployment.upstreamModel(), model.displayName(),
                model.kind(), model.price(), model.active(), model.createdAtMillis(), model.imagePrices(), model.limits(),
                model.aliases(), model.routing());
    }
}
