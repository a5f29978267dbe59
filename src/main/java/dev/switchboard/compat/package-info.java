/**
 * The earlier systems' own paths and field names (the seeds' documents), answered over Switchboard's routes so that
 * their clients keep working unchanged. An adapter renames fields and reshapes answers, nothing more: it re-dispatches
 * each call to the Switchboard route it stands for ({@link dev.switchboard.compat.Forwarder}), where every rule runs
 * once. docs/migrating.md has one table per seed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compat", allowedDependencies = {"access", "catalog"})
package dev.switchboard.compat;
