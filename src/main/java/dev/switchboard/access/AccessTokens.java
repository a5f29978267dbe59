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
import org.springframework.stereotype.Component;

/**
 * Access tokens: HS256-signed JWTs (nimbus-jose-jwt) whose subject is a user id, with issuer, audience, issue time,
 * expiry and a random id. The role and the active flag are not in the token: they are read (cached) on every use, so
 * that a demotion or a deactivation takes effect at once, and a token issued before its user's password changed stops
 * working. Lifetime: {@code switchboard.auth.token-ttl} (default 8h), and not a second longer.
 */
@Component
class AccessTokens {

    private static final String ISSUER = "switchboard";
    private static final String AUDIENCE = "switchboard-api";

    private final TokenSigningKey signingKey;
    private final Duration ttl;

    AccessTokens(TokenSigningKey signingKey, AuthSettings settings) {
        this.signingKey = signingKey;
        this.ttl = settings.tokenTtl();
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

    /** A token that verified: whose it is and when it was issued (to the second, as JWTs count). */
    record Verified(String userId, long issuedAtMillis) {
    }

    /** The user and issue time of a token with a valid signature that has not expired; empty for anything else. */
    Optional<Verified> verify(String token) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(signingKey.hs256Key())));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti"));
        claims.setMaxClockSkew(0); // one issuer signs and checks: no other clock to allow for; a token ends when it says
        processor.setJWTClaimsSetVerifier(claims);
        try {
            var verified = processor.process(token, null);
            return Optional.ofNullable(verified.getSubject()).map(subject -> new Verified(subject, verified.getIssueTime().getTime()));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Whether a bearer has the shape of a compact JWS (three base64url parts, a JSON header): worth verifying. */
    static boolean looksLikeJwt(String bearer) {
        return bearer.startsWith("eyJ") && bearer.chars().filter(c -> c == '.').count() == 2;
    }
}
