package dev.switchboard.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.switchboard.provider.WireFormat;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalog's tables as read into memory. A provider's base URL is decided here, once: the admin's setting, else the
 * {@code *_BASE_URL} environment override, else the preset ({@link BaseUrlSource}).
 */
@Repository
class CatalogRows {

    private final JdbcClient jdbc;
    private final Environment environment;

    CatalogRows(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    /** The version that every catalog change bumps; read before the rows, so a change made meanwhile is read again. */
    long version() {
        return jdbc.sql("SELECT version FROM catalog_version WHERE id = 1").query(Long.class).single();
    }

    List<LoadedProvider> providers() {
        return jdbc.sql("SELECT * FROM providers").query((rs, i) -> {
            var admin = trimmed(rs.getString("admin_base_url"));
            var env = admin == null ? overrideOf(rs.getString("base_url_env")) : null;
            var source = admin != null ? BaseUrlSource.ADMIN : env != null ? BaseUrlSource.ENVIRONMENT : BaseUrlSource.PRESET;
            var baseUrl = admin != null ? admin : env != null ? env : rs.getString("base_url");
            return new LoadedProvider(new Provider(rs.getString("id"), rs.getString("display_name"), WireFormat.of(rs.getString("wire_format")),
                    baseUrl, source != BaseUrlSource.PRESET, rs.getString("key_env"), rs.getBoolean("requires_key"),
                    rs.getBoolean("enabled"), rs.getLong("credit_multiplier_milli"), rs.getBoolean("self_hosted_allowed")), source);
        }).list();
    }

    List<Model> models() {
        var imagePrices = imagePrices().stream().collect(Collectors.groupingBy(ImagePrice::modelId));
        var aliases = aliases();
        var deployments = deployments();
        var fallbacks = fallbacks();
        return jdbc.sql("SELECT * FROM models").query((rs, i) -> {
            var id = rs.getString("id");
            var cached = rs.getLong("cached_input_price");
            var cachedOrNull = rs.wasNull() ? null : cached;
            var cacheWrite = rs.getLong("cache_write_price");
            var cacheWriteOrNull = rs.wasNull() ? null : cacheWrite;
            var longCacheWrite = rs.getLong("cache_write_1h_price");
            var price = new Price(rs.getLong("input_price"), rs.getLong("output_price"), cachedOrNull, cacheWriteOrNull,
                    rs.wasNull() ? null : longCacheWrite);
            var contextWindow = rs.getInt("context_window");
            var contextWindowOrNull = rs.wasNull() ? null : contextWindow;
            var maxOutput = rs.getInt("max_output_tokens");
            var limits = new Model.Limits(contextWindowOrNull, rs.wasNull() ? null : maxOutput);
            return new Model(id, rs.getString("name"), rs.getString("provider_id"), rs.getString("upstream_model"),
                    rs.getString("display_name"), rs.getString("kind"), price, rs.getBoolean("active"), rs.getLong("created_at"),
                    imagePrices.getOrDefault(id, List.of()), limits, aliases.getOrDefault(id, List.of()),
                    routing(rs, deployments.getOrDefault(id, List.of()), fallbacks.getOrDefault(id, List.of())));
        }).list();
    }

    private static ModelRouting routing(ResultSet rs, List<ModelRouting.Deployment> deployments, List<String> fallbacks) throws SQLException {
        var timeouts = new ModelRouting.Timeouts(millis(rs, "connect_timeout_ms"), millis(rs, "first_byte_timeout_ms"),
                millis(rs, "stream_idle_timeout_ms"), millis(rs, "deadline_ms"));
        var retries = rs.getInt("max_retries");
        return new ModelRouting(deployments, rs.getString("routing_strategy"), rs.wasNull() ? null : retries, fallbacks,
                rs.getString("context_fallback"), timeouts);
    }

    private static Duration millis(ResultSet rs, String column) throws SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofMillis(value);
    }

    private Map<String, List<ModelRouting.Deployment>> deployments() {
        return jdbc.sql("SELECT * FROM model_deployments ORDER BY model_id, position")
                .query((rs, i) -> Map.entry(rs.getString("model_id"), new ModelRouting.Deployment(rs.getString("provider_id"),
                        rs.getString("upstream_model"), rs.getString("pool_key_id"), rs.getInt("weight")))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private Map<String, List<String>> fallbacks() {
        return jdbc.sql("SELECT model_id, fallback FROM model_fallbacks ORDER BY model_id, position")
                .query((rs, i) -> Map.entry(rs.getString("model_id"), rs.getString("fallback"))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private List<ImagePrice> imagePrices() {
        return jdbc.sql("SELECT model_id, size, quality, price_nano_usd FROM image_prices ORDER BY model_id, size, quality")
                .query((rs, i) -> new ImagePrice(rs.getString("model_id"), rs.getString("size"), rs.getString("quality"),
                        rs.getLong("price_nano_usd"))).list();
    }

    private Map<String, List<String>> aliases() {
        return jdbc.sql("SELECT model_id, alias FROM model_aliases ORDER BY alias")
                .query((rs, i) -> Map.entry(rs.getString("model_id"), rs.getString("alias"))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private String overrideOf(String envName) {
        return envName == null ? null : trimmed(environment.getProperty(envName));
    }

    private static String trimmed(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A provider as served, and where its base URL came from. */
    record LoadedProvider(Provider provider, BaseUrlSource baseUrlSource) {
    }
}
