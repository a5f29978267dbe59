/**
 * The web console at {@code /}: server-rendered pages (Thymeleaf, htmx and Chart.js from WebJars) over the public faces
 * of the other modules. A console page signs in through {@code access.Logins}, keeps the access token in an HttpOnly
 * session, and calls the services in-process: it holds no rule of its own. Nobody depends on the console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console", allowedDependencies = {"access", "budget", "catalog", "gateway", "metering", "money", "prompt", "vault"})
package dev.switchboard.console;
