package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import tools.jackson.databind.JsonNode;

/**
 * Renders a prompt template named on {@code /v1/chat/completions} ({@code "template": "name"} or {@code "name@3"}, with
 * {@code "variables"}). Declared here and implemented by the prompt feature, so that the arrow points from prompt to
 * gateway and never back. A template the caller cannot see, a missing required variable or an unknown one is a
 * {@link Refusal} naming it.
 */
public interface PromptTemplates {

    /** The template rendered for {@code caller}, the version picked by weight unless the reference pins one. */
    Rendered render(Caller caller, String reference, JsonNode variables);

    /** The rendered system part (null when the template has none), the user prompt, and the version they came from. */
    record Rendered(String system, String prompt, CallRequest.PromptVersion version) {
    }
}
