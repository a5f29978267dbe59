package dev.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Email and password → an access token. Every failure answers the same ("incorrect email or password"), costs about
 * the same time (an unknown email is checked against a dummy hash) and counts against the account and the address
 * ({@link LoginThrottle}).
 */
@Service
public class Logins {

    private static final Logger log = LoggerFactory.getLogger(Logins.class);
    private static final String FAILED = "Incorrect email or password.";

    private final Users users;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;
    private final LoginThrottle throttle;
    private final String dummyHash;

    Logins(Users users, PasswordEncoder passwords, AccessTokens tokens, Environment environment) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = new LoginThrottle(
                environment.getProperty("switchboard.auth.login-failures-per-account", Long.class, 5L),
                environment.getProperty("switchboard.auth.login-failures-per-address", Long.class, 20L),
                AccessTokens.duration(environment, "switchboard.auth.login-failure-window", Duration.ofMinutes(15)));
        this.dummyHash = passwords.encode("not-a-password-anyone-has");
    }

    /** A token for these credentials, or {@link AuthenticationRequired} / {@link TooManyAttempts}. */
    public AccessToken login(String email, String password, String clientAddress) {
        var account = email == null ? "" : Users.normalize(email);
        var blocked = throttle.blocked(account, clientAddress);
        if (blocked.isPresent()) {
            throw new TooManyAttempts(blocked.getAsLong());
        }
        var user = account.isEmpty() ? Optional.<Users.UserRow>empty() : users.byEmail(account);
        var hash = user.map(Users.UserRow::passwordHash).orElse(dummyHash);
        var matches = password != null && password.getBytes(StandardCharsets.UTF_8).length <= 72 && safeMatches(password, hash);
        if (user.isEmpty() || !matches || !user.get().active()) {
            throttle.failed(account, clientAddress);
            log.info("Failed sign-in from {}", clientAddress);
            throw new AuthenticationRequired(FAILED);
        }
        return new AccessToken(tokens.issue(user.get().id()), tokens.ttl().toSeconds());
    }

    private boolean safeMatches(String password, String hash) {
        try {
            return passwords.matches(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A signed access token and its lifetime; {@link #toString()} hides the token. */
    public record AccessToken(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "AccessToken[****, " + expiresInSeconds + "s]";
        }
    }
}
