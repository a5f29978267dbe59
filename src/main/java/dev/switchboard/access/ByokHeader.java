package dev.switchboard.access;

/**
 * The per-request BYOK headers: {@code X-BYOK-API-Key} and the optional {@code X-BYOK-Base-URL}, as sent (not yet
 * checked). Provider-agnostic: the request's model decides which provider the key is presented to. The key is never
 * stored; {@link #toString()} never shows it.
 */
public record ByokHeader(String apiKey, String baseUrl) {

    public static final ByokHeader NONE = new ByokHeader(null, null);

    public static final String KEY_HEADER = "X-BYOK-API-Key";
    public static final String BASE_URL_HEADER = "X-BYOK-Base-URL";

    public ByokHeader {
        apiKey = blankToNull(apiKey);
        baseUrl = blankToNull(baseUrl);
    }

    /** Whether the request sent either BYOK header: then it is served with that key or fails. */
    public boolean present() {
        return apiKey != null || baseUrl != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "ByokHeader[" + (apiKey == null ? "no key" : "key ****") + (baseUrl == null ? "" : ", " + baseUrl) + "]";
    }
}
