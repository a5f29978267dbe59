package dev.switchboard.catalog;

/**
 * Where a provider's base URL comes from, highest precedence first: an admin's setting ({@code PUT
 * /api/admin/providers/{id}}), the provider's {@code *_BASE_URL} environment variable, or the preset.
 */
public enum BaseUrlSource {
    ADMIN, ENVIRONMENT, PRESET
}
