/** Operations: health, the embedded-database defaults and other process-level concerns. */
@org.springframework.modulith.ApplicationModule(displayName = "Operations", allowedDependencies = {})
package dev.switchboard.ops;
