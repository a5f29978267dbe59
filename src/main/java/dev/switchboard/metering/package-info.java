/** Metering: exact costs, the durable usage log (group commit) and the usage reports. */
@org.springframework.modulith.ApplicationModule(displayName = "Metering")
package dev.switchboard.metering;
