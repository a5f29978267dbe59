package dev.switchboard.provider;

/**
 * Where one upstream call goes: the provider's base URL (as its SDK writes it), the secret to present (null for
 * providers that need none) and the provider's own model id. {@link #toString()} never shows the secret.
 */
public record UpstreamTarget(String providerId, String baseUrl, String apiKey, String upstreamModel) {

    @Override
    public String toString() {
        return "UpstreamTarget[" + providerId + ", " + baseUrl + ", " + upstreamModel + "]";
    }
}
