package dev.switchboard.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;

/** The rules an admin's catalog change must keep that need no database; each refusal names the admin API's field. */
final class CatalogChecks {

    static final long MAX_MULTIPLIER_MILLI = 1_000_000;
    private static final int MAX_NAME = 200;
    private static final int MAX_IMAGE_OPTION = 32;

    private CatalogChecks() {
    }

    static void check(ProviderSettings settings) {
        if (settings.adminBaseUrl() != null) {
            baseUrl(settings.adminBaseUrl());
        }
        if (settings.creditMultiplierMilli() <= 0 || settings.creditMultiplierMilli() > MAX_MULTIPLIER_MILLI) {
            throw CatalogChangeRefused.invalid("credit_multiplier", "'credit_multiplier' must be greater than 0 and at most 1000.");
        }
    }

    /**
     * An absolute http(s) URL with a host, without credentials, a query or a fragment (the base URL is shown to admins
     * and joined with the provider's paths); at most 512 characters.
     */
    static void baseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badBaseUrl();
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (url.length() > 512 || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw badBaseUrl();
        }
    }

    static void check(ModelSpec spec) {
        name("name", spec.name());
        name("upstream_model", spec.upstreamModel());
        if (spec.displayName() == null || spec.displayName().isBlank() || spec.displayName().length() > MAX_NAME) {
            throw CatalogChangeRefused.invalid("display_name", "'display_name' must be 1 to 200 characters.");
        }
        if (!Model.KINDS.contains(spec.kind())) {
            throw CatalogChangeRefused.invalid("kind", "'kind' must be one of " + String.join(", ", Model.KINDS) + ".");
        }
        var names = new HashSet<String>();
        names.add(spec.name());
        for (var alias : spec.aliases()) {
            name("aliases", alias);
            if (!names.add(alias)) {
                throw CatalogChangeRefused.invalid("aliases", "'aliases' names '" + alias + "' twice or repeats the model's name.");
            }
        }
        positive("context_window", spec.limits().contextWindow());
        positive("max_output_tokens", spec.limits().maxOutputTokens());
        imagePrices(spec);
    }

    private static void imagePrices(ModelSpec spec) {
        if (!spec.imagePrices().isEmpty() && !spec.kind().equals(Model.IMAGE)) {
            throw CatalogChangeRefused.invalid("image_prices", "'image_prices' are for image models only; this one is a " + spec.kind() + " model.");
        }
        var options = new HashSet<String>();
        for (var price : spec.imagePrices()) {
            imageOption(price.size(), "size");
            imageOption(price.quality(), "quality");
            if (!options.add(price.size() + "/" + price.quality())) {
                throw CatalogChangeRefused.invalid("image_prices", "'image_prices' names " + price.size() + "/" + price.quality() + " twice.");
            }
        }
    }

    private static void name(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_NAME
                || value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must be 1 to 200 characters without spaces.");
        }
    }

    private static void imageOption(String value, String part) {
        if (value == null || value.isEmpty() || value.length() > MAX_IMAGE_OPTION
                || value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw CatalogChangeRefused.invalid("image_prices", "Each of 'image_prices' needs a '" + part + "' of 1 to 32 characters without spaces.");
        }
    }

    private static void positive(String field, Integer value) {
        if (value != null && value <= 0) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must be a positive integer.");
        }
    }

    private static CatalogChangeRefused badBaseUrl() {
        return CatalogChangeRefused.invalid("base_url",
                "'base_url' must be an http:// or https:// URL with a host, without credentials, query or fragment (at most 512 characters).");
    }
}
