package dev.switchboard.access;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Turns the credential a request presents into a {@link Caller}: {@code Authorization: Bearer <key>} first, then
 * {@code X-API-Key: <key>}. A bearer that is no known gateway key but has the shape of a JWT is verified as an access
 * token from {@code POST /api/login/access-token}; its user must still be active.
 */
@Service
public class Authenticator {

    private final GatewayKeys gatewayKeys;
    private final AccessTokens tokens;
    private final UserCallers users;

    Authenticator(GatewayKeys gatewayKeys, AccessTokens tokens, UserCallers users) {
        this.gatewayKeys = gatewayKeys;
        this.tokens = tokens;
        this.users = users;
    }

    public Caller authenticate(String authorization, String apiKey) {
        var secret = bearer(authorization).or(() -> Optional.ofNullable(apiKey).map(String::trim).filter(s -> !s.isEmpty()));
        if (secret.isEmpty()) {
            throw new AuthenticationRequired(
                    "Missing API key. Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        if (AccessTokens.looksLikeJwt(secret.get())) {
            // tokens are verified without the database; only a bearer that fails as a token is looked up as a key
            return tokens.verify(secret.get()).flatMap(users::of).or(() -> gatewayKeys.authenticate(secret.get()))
                    .orElseThrow(() -> new AuthenticationRequired("Invalid or expired access token. Sign in again."));
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
