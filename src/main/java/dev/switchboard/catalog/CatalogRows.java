package dev.switchboard.catalog;

import java.util.List;

import dev.switchboard.provider.WireFormat;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog's tables. Applies the {@code *_BASE_URL} environment overrides as providers are read. */
@Repository
class CatalogRows {

    private final JdbcClient jdbc;
    private final Environment environment;

    CatalogRows(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    List<Provider> providers() {
        return jdbc.sql("SELECT * FROM providers").query((rs, i) -> {
            var override = overrideOf(rs.getString("base_url_env"));
            return new Provider(rs.getString("id"), rs.getString("display_name"), WireFormat.of(rs.getString("wire_format")),
                    override != null ? override : rs.getString("base_url"), override != null, rs.getString("key_env"),
                    rs.getBoolean("requires_key"), rs.getBoolean("enabled"), rs.getLong("credit_multiplier_milli"),
                    rs.getBoolean("self_hosted_allowed"));
        }).list();
    }

    List<Model> models() {
        return jdbc.sql("SELECT * FROM models").query((rs, i) -> {
            var cached = rs.getLong("cached_input_price");
            var price = new Price(rs.getLong("input_price"), rs.getLong("output_price"), rs.wasNull() ? null : cached);
            return new Model(rs.getString("id"), rs.getString("name"), rs.getString("provider_id"), rs.getString("upstream_model"),
                    rs.getString("display_name"), rs.getString("kind"), price, rs.getBoolean("active"), rs.getLong("created_at"));
        }).list();
    }

    List<ImagePrice> imagePrices() {
        return jdbc.sql("SELECT model_id, size, quality, price_nano_usd FROM image_prices")
                .query((rs, i) -> new ImagePrice(rs.getString("model_id"), rs.getString("size"), rs.getString("quality"),
                        rs.getLong("price_nano_usd"))).list();
    }

    private String overrideOf(String envName) {
        if (envName == null) {
            return null;
        }
        var value = environment.getProperty(envName);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
