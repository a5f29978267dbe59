package dev.switchboard.access;

/**
 * A change that other instances' caches must forget at once: a user changed (deactivated, demoted, subscription), a key
 * revoked or changed (by its hash), the catalog (prices, models), the organisation's terms, a user's credits, the admin
 * key pool. Published
 * as an application event where the change is made; {@code budget} carries it to the other instances through Redis
 * pub/sub, where it arrives as {@code remote} (each instance's caches apply their own changes at once already).
 */
public record Invalidation(Scope scope, String id, boolean remote) {

    public enum Scope { USER, KEY, CATALOG, ORGANISATION, CREDITS, POOL }

    public static Invalidation of(Scope scope, String id) {
        return new Invalidation(scope, id == null ? "" : id, false);
    }
}
