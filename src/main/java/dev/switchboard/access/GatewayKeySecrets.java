package dev.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway key secrets: {@code sk-sb-} and 32 random bytes. Only the SHA-256 of a secret is stored; a secret
 * with 256 bits of entropy needs no slow hash, and a fast one keeps authentication off the request's budget.
 */
final class GatewayKeySecrets {

    static final String PREFIX = "sk-sb-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayKeySecrets() {
    }

    static String generate() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String secret) {
        return secret.substring(Math.max(0, secret.length() - 4));
    }
}
