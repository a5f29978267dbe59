package dev.switchboard.catalog;

/** A model as callers name it, the provider that serves it, the provider's own id for it, and its price. */
public record Model(String id, String name, String providerId, String upstreamModel, String displayName, String kind,
                    Price price, boolean active, long createdAtMillis) {

    /** The kinds of model, each served by its own endpoint. */
    public static final String CHAT = "chat";
    public static final String EMBEDDING = "embedding";
    public static final String IMAGE = "image";
}
