package dev.switchboard.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's catalog in step with changes made on others: every {@link CatalogProperties#refreshPeriod()}
 * it compares the {@code catalog_version} row with the version it last read, and reloads when they differ. A failed
 * read (the database briefly away) keeps the catalog it has and tries again at the next period.
 */
@Component
class CatalogRefresh implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefresh.class);

    private final Catalog catalog;
    private final CatalogProperties properties;

    CatalogRefresh(Catalog catalog, CatalogProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::refresh, properties.refreshPeriod());
    }

    /** Another instance changed the catalog (Redis pub/sub): check now rather than at the next period. */
    @org.springframework.context.event.EventListener
    void on(dev.switchboard.access.Invalidation invalidation) {
        if (invalidation.remote() && invalidation.scope() == dev.switchboard.access.Invalidation.Scope.CATALOG) {
            refresh();
        }
    }

    void refresh() {
        try {
            if (catalog.refreshIfChanged()) {
                log.info("Catalog reloaded: it was changed elsewhere (another instance, or SQL)");
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the catalog version; keeping the catalog in memory: {}", e.toString());
        }
    }
}
