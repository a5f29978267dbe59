/** Who is calling: users, roles, gateway keys (stored hashed) and the first-run admin. */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package dev.switchboard.access;
