/**
 * Routing and resilience: which deployment of which model serves each attempt of a call (weights, least busy, lowest
 * latency), retries with backoff, fallbacks to other models, timeouts, and the cooldown of failing deployments. Its public
 * face is {@link dev.switchboard.routing.Routes}, which plans a call's {@link dev.switchboard.routing.Route}; the
 * gateway's one pipeline walks it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing", allowedDependencies = {"access", "catalog"})
package dev.switchboard.routing;
