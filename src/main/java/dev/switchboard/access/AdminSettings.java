package dev.switchboard.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.admin.*} ({@code SWITCHBOARD_ADMIN_EMAIL}, {@code SWITCHBOARD_ADMIN_PASSWORD},
 * {@code SWITCHBOARD_ADMIN_API_KEY}): the first admin and its optional gateway key. {@link #toString()} hides the secrets.
 */
@ConfigurationProperties("switchboard.admin")
record AdminSettings(String email, String password, String apiKey) {

    AdminSettings {
        email = email == null || email.isBlank() ? "admin@switchboard.local" : email;
    }

    @Override
    public String toString() {
        return "AdminSettings[" + email + "]";
    }
}
