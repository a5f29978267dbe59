/**
 * The public inference APIs and the one request pipeline that ties access, catalog, vault, provider and metering
 * together. Its public face, for the features that serve calls of their own (conversations, the console, the seeds' old
 * paths), is {@link dev.switchboard.gateway.Inference} with its request, sink and failure types; all else is package-private.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Gateway", allowedDependencies = {"access", "catalog", "metering", "money", "provider", "responses", "vault"})
package dev.switchboard.gateway;
