package dev.switchboard.catalog.web;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogAdmin;
import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.ProviderKeyStatus;
import dev.switchboard.catalog.ProviderSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/providers}: every provider with its settings and which managed keys it has ({@code has_env_key},
 * {@code pool_keys}; never a key). {@code PUT /api/admin/providers/{id}} changes {@code enabled}, {@code base_url}
 * ({@code null} goes back to {@code *_BASE_URL} or the preset), {@code credit_multiplier} and
 * {@code self_hosted_allowed}; a field left out stays as it is. The admin role is enforced for all of /api/admin/**.
 */
@RestController
class AdminProvidersController {

    private static final Set<String> FIELDS = Set.of("enabled", "base_url", "credit_multiplier", "self_hosted_allowed");

    private final Catalog catalog;
    private final CatalogAdmin admin;
    private final ProviderKeyStatus keys;

    AdminProvidersController(Catalog catalog, CatalogAdmin admin, ProviderKeyStatus keys) {
        this.catalog = catalog;
        this.admin = admin;
        this.keys = keys;
    }

    @GetMapping("/api/admin/providers")
    ProviderPage list() {
        var providers = catalog.providers().stream().sorted(Comparator.comparing(Provider::id)).map(this::view).toList();
        return new ProviderPage(providers, providers.size());
    }

    @GetMapping("/api/admin/providers/{id}")
    ProviderView one(@PathVariable String id) {
        return view(existing(id));
    }

    @PutMapping("/api/admin/providers/{id}")
    ProviderView update(@PathVariable String id, @RequestBody(required = false) String body) {
        var current = existing(id);
        var json = AdminJson.parse(body, FIELDS);
        var now = ProviderSettings.of(current, catalog.baseUrlSource(current));
        var settings = new ProviderSettings(
                json.has("enabled") ? json.bool("enabled") : now.enabled(),
                json.has("base_url") ? (json.isNull("base_url") ? null : json.string("base_url")) : now.adminBaseUrl(),
                json.has("credit_multiplier") ? multiplierMilli(json) : now.creditMultiplierMilli(),
                json.has("self_hosted_allowed") ? json.bool("self_hosted_allowed") : now.selfHostedAllowed());
        return view(admin.updateProvider(id, settings));
    }

    private Provider existing(String id) {
        return catalog.provider(id).orElseThrow(() -> CatalogChangeRefused.notFound("No provider with id '" + id + "'."));
    }

    /** A positive decimal with at most three decimals (thousandths are what is stored). */
    private static long multiplierMilli(AdminJson json) {
        var value = json.decimal("credit_multiplier", "a positive decimal such as 1.5");
        try {
            var milli = value.movePointRight(3).longValueExact();
            if (milli > 0) {
                return milli;
            }
        } catch (ArithmeticException e) {
            // refused below
        }
        throw AdminJson.invalid("credit_multiplier", "'credit_multiplier' must be a positive decimal with at most 3 decimals, such as 1.5.");
    }

    private ProviderView view(Provider p) {
        return new ProviderView(p.id(), p.displayName(), p.wireFormat().name().toLowerCase(Locale.ROOT), p.enabled(), p.baseUrl(),
                catalog.baseUrlSource(p).name().toLowerCase(Locale.ROOT), BigDecimal.valueOf(p.creditMultiplierMilli(), 3).stripTrailingZeros(),
                p.selfHostedAllowed(), p.requiresKey(), p.keyEnv(), keys.hasEnvKey(p), keys.poolKeys(p.id()));
    }

    record ProviderPage(List<ProviderView> data, int count) {
    }

    record ProviderView(String id, @JsonProperty("display_name") String displayName, @JsonProperty("wire_format") String wireFormat,
                        boolean enabled, @JsonProperty("base_url") String baseUrl, @JsonProperty("base_url_source") String baseUrlSource,
                        @JsonProperty("credit_multiplier") BigDecimal creditMultiplier,
                        @JsonProperty("self_hosted_allowed") boolean selfHostedAllowed, @JsonProperty("requires_key") boolean requiresKey,
                        @JsonProperty("key_env") String keyEnv, @JsonProperty("has_env_key") boolean hasEnvKey,
                        @JsonProperty("pool_keys") int poolKeys) {
    }
}
