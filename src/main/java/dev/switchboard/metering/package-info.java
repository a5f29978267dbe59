/** Metering: exact costs, the durable usage log (group commit), its hourly, daily and monthly rollups, retention, and the usage reports. */
@org.springframework.modulith.ApplicationModule(displayName = "Metering", allowedDependencies = {"access", "catalog", "money", "ops", "provider"})
package dev.switchboard.metering;
