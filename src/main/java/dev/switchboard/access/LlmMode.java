package dev.switchboard.access;

import java.util.Locale;
import java.util.Optional;

/**
 * How a user pays for inference: {@code MEMBER} spends the organisation's credits through managed keys (the admin
 * pool, the environment fallback); {@code BYOK} brings its own key (stored or sent per request) and never falls back
 * to managed keys.
 */
public enum LlmMode {
    MEMBER, BYOK;

    /** {@code member} or {@code byok}, as the API writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LlmMode> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "member" -> Optional.of(MEMBER);
            case "byok" -> Optional.of(BYOK);
            default -> Optional.empty();
        };
    }
}
