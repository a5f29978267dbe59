package dev.switchboard.catalog;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog's writes, each meant to run inside one admin change's transaction (see {@link CatalogAdmin}). */
@Repository
class CatalogWrites {

    private final JdbcClient jdbc;

    CatalogWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves the catalog version on; the first write of every change, so that it also takes the write lock that
     * serialises catalog changes (a row lock on PostgreSQL, the database lock on SQLite).
     */
    void bumpVersion() {
        jdbc.sql("UPDATE catalog_version SET version = version + 1 WHERE id = 1").update();
    }

    boolean providerExists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM providers WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    boolean updateProvider(String id, ProviderSettings settings) {
        return jdbc.sql("""
                UPDATE providers SET enabled = ?, admin_base_url = ?, credit_multiplier_milli = ?, self_hosted_allowed = ?
                WHERE id = ?""")
                .params(settings.enabled(), settings.adminBaseUrl(), settings.creditMultiplierMilli(), settings.selfHostedAllowed(), id)
                .update() > 0;
    }

    /** The name of another model (not {@code modelId}) that already answers to {@code name}, by its name or an alias. */
    Optional<String> holderOf(String name, String modelId) {
        return jdbc.sql("""
                SELECT name FROM models WHERE name = ? AND id <> ?
                UNION SELECT m.name FROM model_aliases a JOIN models m ON m.id = a.model_id WHERE a.alias = ? AND a.model_id <> ?""")
                .params(name, modelId, name, modelId).query(String.class).optional();
    }

    void insertModel(String id, ModelSpec spec, long createdAt) {
        jdbc.sql("""
                INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price,
                                    cached_input_price, cache_write_price, cache_write_1h_price, context_window, max_output_tokens,
                                    active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, spec.name(), spec.providerId(), spec.upstreamModel(), spec.displayName(), spec.kind(),
                        spec.price().inputPerMillion(), spec.price().outputPerMillion(), spec.price().cachedInputPerMillion(),
                        spec.price().cacheWritePerMillion(), spec.price().longCacheWritePerMillion(),
                        spec.limits().contextWindow(), spec.limits().maxOutputTokens(), spec.active(), createdAt)
                .update();
        updateRouting(id, spec.routing());
        insertDependents(id, spec);
    }

    boolean updateModel(String id, ModelSpec spec) {
        var updated = jdbc.sql("""
                UPDATE models SET name = ?, provider_id = ?, upstream_model = ?, display_name = ?, kind = ?, input_price = ?,
                                  output_price = ?, cached_input_price = ?, cache_write_price = ?, cache_write_1h_price = ?, context_window = ?,
                                  max_output_tokens = ?, active = ?
                WHERE id = ?""")
                .params(spec.name(), spec.providerId(), spec.upstreamModel(), spec.displayName(), spec.kind(),
                        spec.price().inputPerMillion(), spec.price().outputPerMillion(), spec.price().cachedInputPerMillion(),
                        spec.price().cacheWritePerMillion(), spec.price().longCacheWritePerMillion(),
                        spec.limits().contextWindow(), spec.limits().maxOutputTokens(), spec.active(), id)
                .update() > 0;
        if (updated) {
            updateRouting(id, spec.routing());
            deleteDependents(id);
            insertDependents(id, spec);
        }
        return updated;
    }

    /** Removes the model's row, aliases, image prices, deployments and fallbacks; its usage records keep its name (they hold no reference to it). */
    boolean deleteModel(String id) {
        deleteDependents(id);
        return jdbc.sql("DELETE FROM models WHERE id = ?").param(id).update() > 0;
    }

    private void updateRouting(String id, ModelRouting routing) {
        var t = routing.timeouts();
        jdbc.sql("""
                UPDATE models SET routing_strategy = ?, max_retries = ?, context_fallback = ?, connect_timeout_ms = ?,
                                  first_byte_timeout_ms = ?, stream_idle_timeout_ms = ?, deadline_ms = ?
                WHERE id = ?""")
                .params(routing.strategy(), routing.maxRetries(), routing.contextFallback(), millis(t.connect()),
                        millis(t.firstByte()), millis(t.streamIdle()), millis(t.deadline()), id)
                .update();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private void insertDependents(String id, ModelSpec spec) {
        var position = 0;
        for (var d : spec.routing().deployments()) {
            jdbc.sql("INSERT INTO model_deployments (model_id, position, provider_id, upstream_model, pool_key_id, weight) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, position++, d.providerId(), d.upstreamModel(), d.poolKeyId(), d.weight()).update();
        }
        position = 0;
        for (var fallback : spec.routing().fallbacks()) {
            jdbc.sql("INSERT INTO model_fallbacks (model_id, position, fallback) VALUES (?, ?, ?)").params(id, position++, fallback).update();
        }
        for (var alias : spec.aliases()) {
            jdbc.sql("INSERT INTO model_aliases (alias, model_id) VALUES (?, ?)").params(alias, id).update();
        }
        for (var price : spec.imagePrices()) {
            jdbc.sql("INSERT INTO image_prices (model_id, size, quality, price_nano_usd) VALUES (?, ?, ?, ?)")
                    .params(id, price.size(), price.quality(), price.perImageNanoUsd()).update();
        }
    }

    private void deleteDependents(String id) {
        jdbc.sql("DELETE FROM model_deployments WHERE model_id = ?").param(id).update();
        jdbc.sql("DELETE FROM model_fallbacks WHERE model_id = ?").param(id).update();
        jdbc.sql("DELETE FROM model_aliases WHERE model_id = ?").param(id).update();
        jdbc.sql("DELETE FROM image_prices WHERE model_id = ?").param(id).update();
    }
}
