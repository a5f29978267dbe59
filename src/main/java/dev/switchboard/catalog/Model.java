package dev.switchboard.catalog;

/** A model as callers name it, the provider that serves it, the provider's own id for it, and its price. */
public record Model(String id, String name, String providerId, String upstreamModel, String displayName, String kind,
                    Price price, boolean active, long createdAtMillis) {
}
