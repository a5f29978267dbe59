/** Who may spend what: the credits ledger today; budgets, reservations and rate limits join it. */
@org.springframework.modulith.ApplicationModule(displayName = "Budget", allowedDependencies = {"access", "money"})
package dev.switchboard.budget;
