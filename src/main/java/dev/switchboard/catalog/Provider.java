package dev.switchboard.catalog;

import dev.switchboard.provider.WireFormat;

/**
 * A provider preset: where it lives, how it is spoken to, whether it needs a key, and the credit multiplier
 * (thousandths: 1500 = ×1.5) applied when members spend credits on it. {@code baseUrl} already has the
 * {@code *_BASE_URL} override applied; {@code baseUrlOverridden} says whether one was given. {@code selfHostedAllowed}
 * says whether the admin lets an {@code X-BYOK-Base-URL} for this provider point at a loopback, link-local or private
 * address (a self-hosted server); without it such addresses are refused.
 */
public record Provider(String id, String displayName, WireFormat wireFormat, String baseUrl, boolean baseUrlOverridden,
                       String keyEnv, boolean requiresKey, boolean enabled, long creditMultiplierMilli,
                       boolean selfHostedAllowed) {

    /** A provider whose base URL may only point at public addresses. */
    public Provider(String id, String displayName, WireFormat wireFormat, String baseUrl, boolean baseUrlOverridden,
                    String keyEnv, boolean requiresKey, boolean enabled, long creditMultiplierMilli) {
        this(id, displayName, wireFormat, baseUrl, baseUrlOverridden, keyEnv, requiresKey, enabled, creditMultiplierMilli, false);
    }
}
