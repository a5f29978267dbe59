/** The catalog: provider presets and models with their prices, served from memory. */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog", allowedDependencies = {"access", "money", "provider"})
package dev.switchboard.catalog;
