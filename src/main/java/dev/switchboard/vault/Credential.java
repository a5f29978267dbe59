package dev.switchboard.vault;

/**
 * The secret that will authenticate one upstream call, and where it came from. {@code apiKey} is null for
 * providers that need none (Ollama, LM Studio). {@code baseUrl} is null unless the credential brings its own address
 * (a checked {@code X-BYOK-Base-URL}, or a pool key's own base URL); then the call goes there instead of to the
 * provider's base URL. A pool key comes with its {@link Lease} (null for every other kind), which the call settles.
 * {@link #toString()} never shows the secret.
 */
public record Credential(Kind kind, String id, String apiKey, String baseUrl, Lease lease) {

    public Credential(Kind kind, String id, String apiKey) {
        this(kind, id, apiKey, null, null);
    }

    public Credential(Kind kind, String id, String apiKey, String baseUrl) {
        this(kind, id, apiKey, baseUrl, null);
    }

    public enum Kind {
        BYOK_HEADER, USER_KEY, POOL, ENV, NONE;

        /** The name recorded with usage: {@code byok-header}, {@code user-key}, {@code pool}, {@code env}, {@code none}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return "Credential[" + kind.label() + (id == null ? "" : ", " + id) + (baseUrl == null ? "" : ", " + baseUrl) + "]";
    }
}
