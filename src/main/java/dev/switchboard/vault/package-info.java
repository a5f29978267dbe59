/** Provider credentials and the choice of which one serves a request: users' own keys, the admin key pool, the environment. */
@org.springframework.modulith.ApplicationModule(displayName = "Vault", allowedDependencies = {"access", "catalog", "metering", "money"})
package dev.switchboard.vault;
