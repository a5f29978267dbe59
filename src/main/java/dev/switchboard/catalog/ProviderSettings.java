package dev.switchboard.catalog;

/**
 * What an admin may change on a provider. {@code adminBaseUrl} is the admin's own base URL, null to use the
 * {@code *_BASE_URL} environment override or else the preset; {@code creditMultiplierMilli} is in thousandths
 * (1500 = ×1.5).
 */
public record ProviderSettings(boolean enabled, String adminBaseUrl, long creditMultiplierMilli, boolean selfHostedAllowed) {

    /** The provider's settings as the catalog serves them now. */
    public static ProviderSettings of(Provider provider, BaseUrlSource source) {
        return new ProviderSettings(provider.enabled(), source == BaseUrlSource.ADMIN ? provider.baseUrl() : null,
                provider.creditMultiplierMilli(), provider.selfHostedAllowed());
    }
}
