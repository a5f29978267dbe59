package dev.switchboard.vault;

import java.util.Locale;

/**
 * Where a pool key stands, most binding first: switched off by an admin; refused by its provider (401/403: out of
 * rotation until an admin edits or tests it); past its expiry; at its total limit (only raising the limit revives it);
 * at its daily or monthly limit (active again at the next billing day or month); cooling down after a 429 or repeated
 * failures (tried again once the cooldown passes); otherwise active.
 */
public enum KeyStatus {
    DISABLED, INVALID, EXPIRED, EXHAUSTED, LIMIT_REACHED, COOLING_DOWN, ACTIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
