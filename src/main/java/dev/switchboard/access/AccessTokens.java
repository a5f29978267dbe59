package dev.switchboard.access;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Access tokens: HS256-signed JWTs (nimbus-jose-jwt) whose subject is a user id, with issuer, audience, issue time,
 * expiry and a random id. The role and the active flag are not in the token: they are read (cached) on every use, so
 * that a demotion or a deactivation takes effect at once. Lifetime: {@code switchboard.auth.token-ttl} (default 8h).
 */
@Component
class AccessTokens {

    private static final String ISSUER = "switchboard";
    private static final String AUDIENCE = "switchboard-api";

    private final TokenSigningKey signingKey;
    private final Duration ttl;

    AccessTokens(TokenSigningKey signingKey, Environment environment) {
        this.signingKey = signingKey;
        this.ttl = duration(environment, "switchboard.auth.token-ttl", Duration.ofHours(8));
    }

    /** A duration setting written as Spring Boot writes them ({@code 8h}, {@code 15m}, ISO-8601). */
    static Duration duration(Environment environment, String name, Duration fallback) {
        var value = environment.getProperty(name);
        return value == null || value.isBlank() ? fallback : DurationStyle.detectAndParse(value.trim());
    }

    Duration ttl() {
        return ttl;
    }

    String issue(String userId) {
        var now = System.currentTimeMillis();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(userId).jwtID(UUID.randomUUID().toString())
                .issueTime(new Date(now)).expirationTime(new Date(now + ttl.toMillis()))
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(signingKey.hs256Key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The user id of a token with a valid signature that has not expired; empty for anything else. */
    Optional<String> verify(String token) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(signingKey.hs256Key())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti")));
        try {
            return Optional.ofNullable(processor.process(token, null).getSubject());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Whether a bearer has the shape of a compact JWS (three base64url parts, a JSON header): worth verifying. */
    static boolean looksLikeJwt(String bearer) {
        return bearer.startsWith("eyJ") && bearer.chars().filter(c -> c == '.').count() == 2;
    }
}
