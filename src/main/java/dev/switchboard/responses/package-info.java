/**
 * Stored responses of the Responses API: each kept for its owner for a retention period, so that a conversation can be
 * continued by {@code previous_response_id} on any provider, read back and deleted. Depends on no other feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Responses", allowedDependencies = {})
package dev.switchboard.responses;
