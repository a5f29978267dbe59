/** Who is calling: users, roles, gateway keys (stored hashed) and the first-run admin. */
@org.springframework.modulith.ApplicationModule(displayName = "Access", allowedDependencies = {"money"})
package dev.switchboard.access;
