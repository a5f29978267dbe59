package dev.switchboard.access;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Turns the credential a request presents into a {@link Caller}: {@code Authorization: Bearer <key>} first, then
 * {@code X-API-Key: <key>}.
 */
@Service
public class Authenticator {

    private final GatewayKeys gatewayKeys;

    Authenticator(GatewayKeys gatewayKeys) {
        this.gatewayKeys = gatewayKeys;
    }

    public Caller authenticate(String authorization, String apiKey) {
        var secret = bearer(authorization).or(() -> Optional.ofNullable(apiKey).map(String::trim).filter(s -> !s.isEmpty()));
        if (secret.isEmpty()) {
            throw new AuthenticationRequired(
                    "Missing API key. Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        return gatewayKeys.authenticate(secret.get())
                .orElseThrow(() -> new AuthenticationRequired("Invalid API key provided: " + masked(secret.get())));
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        var token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Enough of a secret to recognise it, as OpenAI shows it: never more than its last four characters. */
    static String masked(String secret) {
        if (secret.length() < 12) {
            return "****";
        }
        var prefix = secret.startsWith(GatewayKeySecrets.PREFIX) ? GatewayKeySecrets.PREFIX : "";
        return prefix + "****" + secret.substring(secret.length() - 4);
    }
}
