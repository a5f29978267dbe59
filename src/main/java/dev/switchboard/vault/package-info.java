/** Provider credentials and the choice of which one serves a request. */
@org.springframework.modulith.ApplicationModule(displayName = "Vault", allowedDependencies = {"access", "catalog", "money"})
package dev.switchboard.vault;
