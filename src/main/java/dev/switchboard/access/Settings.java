package dev.switchboard.access;

/**
 * A user's own settings: profile, notification preferences, {@link LlmMode} and the provider its BYOK key is for
 * (null when none was chosen). Defaults for a user who never saved any: notifications on, marketing off, member mode.
 */
public record Settings(String email, String fullName, String username, String firstName, String lastName,
                       boolean emailNotifications, boolean marketingEmails, LlmMode llmMode, String byokProvider) {

    /** A change to settings; each null field keeps its current value. */
    public record Change(String fullName, String username, String firstName, String lastName, Boolean emailNotifications,
                         Boolean marketingEmails, LlmMode llmMode, String byokProvider) {
    }
}
