package dev.switchboard.prompt;

import java.util.List;
import java.util.Optional;

/**
 * A prompt template: its unique name, its type ({@code marketing_email}, …), its owner — a user or an API client, neither
 * for a system template, which every caller sees — and its versions in order.
 */
public record Template(String id, String name, String type, String description, String ownerUserId, String ownerClientId,
                long createdAtMillis, long updatedAtMillis, List<Version> versions) {

    public Template {
        versions = List.copyOf(versions);
    }

    public boolean system() {
        return ownerUserId == null && ownerClientId == null;
    }

    public Optional<Version> version(int number) {
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }

    /**
     * One immutable version: the body and optional system part with their placeholders, the variables it declares, and
     * the two things that may change, its A/B {@code weight} and whether it is {@code active} (in the draw).
     */
    public record Version(int number, String body, String system, List<Variable> variables, int weight, boolean active, long createdAtMillis) {
        public Version {
            variables = List.copyOf(variables);
        }
    }

    /** A declared variable: required ones must be given unless they have a default. */
    public record Variable(String name, boolean required, @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue) {
    }
}
