/**
 * Who may spend what: the credits ledger, budgets per API client, gateway key, user (credits) and organisation, reserved
 * before a call and settled after it, rate limits, subscriptions; the decisions behind the pipeline's named policies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Budget", allowedDependencies = {"access", "money", "ops"})
package dev.switchboard.budget;
