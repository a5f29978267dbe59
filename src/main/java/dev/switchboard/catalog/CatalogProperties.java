package dev.switchboard.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.catalog.*}: how often an instance asks whether another one changed the catalog (one indexed read
 * of the {@code catalog_version} row; the catalog is reloaded only when it moved).
 */
@ConfigurationProperties("switchboard.catalog")
public record CatalogProperties(Duration refreshPeriod) {

    public CatalogProperties {
        refreshPeriod = refreshPeriod == null ? Duration.ofSeconds(5) : refreshPeriod;
        if (refreshPeriod.isNegative() || refreshPeriod.isZero()) {
            throw new IllegalArgumentException("switchboard.catalog.refresh-period must be positive");
        }
    }
}
