package dev.switchboard.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        routing(spec.routing(), names);
    }

    static final int MAX_RETRIES = 10;
    static final int MAX_WEIGHT = 1_000_000;
    static final int MAX_LIST = 20;

    /** Deployments, strategy, retries and fallbacks; {@code names} are the model's own names, which no fallback may be. */
    private static void routing(ModelRouting routing, Set<String> names) {
        if (!ModelRouting.STRATEGIES.contains(routing.strategy())) {
            throw CatalogChangeRefused.invalid("strategy", "'strategy' must be one of " + String.join(", ", ModelRouting.STRATEGIES) + ".");
        }
        if (routing.maxRetries() != null && (routing.maxRetries() < 0 || routing.maxRetries() > MAX_RETRIES)) {
            throw CatalogChangeRefused.invalid("max_retries", "'max_retries' must be an integer from 0 to " + MAX_RETRIES + ".");
        }
        deployments(routing.deployments());
        var fallbacks = new HashSet<String>();
        if (routing.fallbacks().size() > MAX_LIST) {
            throw CatalogChangeRefused.invalid("fallbacks", "'fallbacks' may name at most " + MAX_LIST + " models.");
        }
        for (var fallback : routing.fallbacks()) {
            name("fallbacks", fallback);
            if (names.contains(fallback) || !fallbacks.add(fallback)) {
                throw CatalogChangeRefused.invalid("fallbacks", "'fallbacks' names '" + fallback + "' twice or names the model itself.");
            }
        }
        if (routing.contextFallback() != null) {
            name("context_window_fallback", routing.contextFallback());
            if (names.contains(routing.contextFallback())) {
                throw CatalogChangeRefused.invalid("context_window_fallback", "'context_window_fallback' names the model itself.");
            }
        }
    }

    private static void deployments(List<ModelRouting.Deployment> deployments) {
        if (deployments.size() > MAX_LIST) {
            throw CatalogChangeRefused.invalid("deployments", "'deployments' may hold at most " + MAX_LIST + " deployments.");
        }
        var ids = new HashSet<String>();
        for (var d : deployments) {
            name("deployments", d.providerId());
            name("deployments", d.upstreamModel());
            if (d.weight() < 1 || d.weight() > MAX_WEIGHT) {
                throw CatalogChangeRefused.invalid("deployments", "Each of 'deployments' needs a 'weight' from 1 to " + MAX_WEIGHT + ".");
            }
            if (!ids.add(d.id())) {
                throw CatalogChangeRefused.invalid("deployments", "'deployments' names " + d.id() + " twice.");
            }
        }
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
