package dev.switchboard.catalog;

import java.util.List;

/**
 * A model as callers name it (its {@code name} or any of its {@code aliases}), the provider that serves it, the
 * provider's own id for it, and its prices: per 1M tokens, and per image for image models. A call holds the Model it
 * started with, so a price changed meanwhile applies from the next call on. {@link #routing()} says how its calls are
 * routed (deployments, strategy, retries, fallbacks, timeouts).
 */
public record Model(String id, String name, String providerId, String upstreamModel, String displayName, String kind,
                    Price price, boolean active, long createdAtMillis, List<ImagePrice> imagePrices, Limits limits,
                    List<String> aliases, ModelRouting routing) {

    /** The kinds of model, each served by its own endpoint. */
    public static final String CHAT = "chat";
    public static final String EMBEDDING = "embedding";
    public static final String IMAGE = "image";
    public static final List<String> KINDS = List.of(CHAT, EMBEDDING, IMAGE);

    public Model {
        imagePrices = List.copyOf(imagePrices);
        aliases = List.copyOf(aliases);
        limits = limits == null ? Limits.NONE : limits;
        routing = routing == null ? ModelRouting.NONE : routing;
    }

    /**
     * The deployments that serve the model: those configured, or else the one its own provider and upstream model make
     * (weight 1).
     */
    public List<ModelRouting.Deployment> deployments() {
        return routing.deployments().isEmpty() ? List.of(new ModelRouting.Deployment(providerId, upstreamModel, null, 1))
                : routing.deployments();
    }

    /** What the model can take and give, in tokens, as the admin recorded it (null when not recorded). */
    public record Limits(Integer contextWindow, Integer maxOutputTokens) {
        public static final Limits NONE = new Limits(null, null);
    }
}
