/**
 * The public inference APIs and the one request pipeline that ties access, catalog, vault, provider and metering
 * together, walking the route that routing plans for each call. Its public face, for the features that serve calls of their own (conversations, the console, the seeds' old
 * paths), is {@link dev.switchboard.gateway.Inference} with its request, sink and failure types; all else is package-private.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Gateway", allowedDependencies = {"access", "budget", "catalog", "metering", "money", "provider", "responses", "routing", "vault"})
package dev.switchboard.gateway;
