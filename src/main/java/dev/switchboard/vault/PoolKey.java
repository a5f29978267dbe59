package dev.switchboard.vault;

/**
 * An admin pool key as stored: its provider, name and settings, the secret sealed (never opened here) and its masked
 * form, limits in nano-USD (null: none), expiry and invalid-since as epoch millis (null: never). {@link #toString()}
 * leaves the sealed secret out.
 */
record PoolKey(String id, String providerId, String name, String description, String sealedKey, String masked, String baseUrl,
               Long dailyLimitNanos, Long monthlyLimitNanos, Long totalLimitNanos, Long expiresAt, int priority,
               boolean isDefault, boolean enabled, Long invalidSince, long createdAt, long updatedAt) {

    /** What a pool key is bound to when sealed: its row. */
    static String boundTo(String id) {
        return "provider_keys/" + id;
    }

    @Override
    public String toString() {
        return "PoolKey[" + id + ", " + providerId + ", " + name + "]";
    }
}
