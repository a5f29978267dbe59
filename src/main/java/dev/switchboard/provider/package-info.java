/**
 * Upstream providers: one adapter per wire format around a canonical request (OpenAI's chat format), faithful
 * translation of responses and streams, and one error model. Depends on no other feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Provider")
package dev.switchboard.provider;
