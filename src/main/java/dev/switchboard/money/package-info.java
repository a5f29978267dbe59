/** Exact money: integer nano-USD, shared by every feature that prices, budgets or reports. */
@org.springframework.modulith.ApplicationModule(displayName = "Money", allowedDependencies = {}, type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.switchboard.money;
