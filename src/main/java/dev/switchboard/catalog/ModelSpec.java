package dev.switchboard.catalog;

import java.util.List;

/**
 * A model as an admin describes it, to create or replace one: everything but its id and creation time. The
 * {@code modelId} of each image price is ignored (the model's own id is used).
 */
public record ModelSpec(String name, String providerId, String upstreamModel, String displayName, String kind, Price price,
                        List<ImagePrice> imagePrices, Model.Limits limits, boolean active, List<String> aliases,
                        ModelRouting routing) {

    public ModelSpec {
        imagePrices = imagePrices == null ? List.of() : List.copyOf(imagePrices);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        limits = limits == null ? Model.Limits.NONE : limits;
        routing = routing == null ? ModelRouting.NONE : routing;
    }

    /** The spec of a model as the catalog serves it now: the base that a partial change is applied to. */
    public static ModelSpec of(Model model) {
        return new ModelSpec(model.name(), model.providerId(), model.upstreamModel(), model.displayName(), model.kind(),
                model.price(), model.imagePrices(), model.limits(), model.active(), model.aliases(), model.routing());
    }
}
