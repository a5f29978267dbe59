package dev.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** Made on the first sign-in by an unknown email, not at start-up (a BCrypt hash is about 0.1 s of CPU). */
    private volatile String dummyHash;

    private final Accounts accounts;

    Logins(Users users, PasswordEncoder passwords, AccessTokens tokens, AuthSettings settings, Accounts accounts) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.accounts = accounts;
        this.throttle = new LoginThrottle(settings.loginFailuresPerAccount(), settings.loginFailuresPerAddress(), settings.loginFailureWindow());
    }

    /**
     * The owner changes its password, proving the current one (throttled like a sign-in). Every access token issued
     * before ends; gateway keys, which are not sessions, keep working. Answers a fresh token for the caller's session.
     */
    public AccessToken changePassword(String userId, String currentPassword, String newPassword, String clientAddress) {
        var user = users.byId(userId).orElseThrow(() -> new AuthenticationRequired("Your user no longer exists."));
        var blocked = throttle.blocked(user.email(), clientAddress);
        if (blocked.isPresent()) {
            throw new TooManyAttempts(blocked.getAsLong());
        }
        if (currentPassword == null || currentPassword.getBytes(StandardCharsets.UTF_8).length > 72
                || !safeMatches(currentPassword, user.passwordHash())) {
            throttle.failed(user.email(), clientAddress);
            log.info("Failed password change from {}", clientAddress);
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "'current_password' is not your current password.");
        }
        accounts.setPassword(userId, newPassword);
        return new AccessToken(tokens.issue(userId), tokens.ttl().toSeconds());
    }

    private String dummyHash() {
        var hash = dummyHash;
        if (hash == null) {
            dummyHash = hash = passwords.encode("not-a-password-anyone-has");
        }
        return hash;
    }

    /** A token for these credentials, or {@link AuthenticationRequired} / {@link TooManyAttempts}. */
    public AccessToken login(String email, String password, String clientAddress) {
        var account = email == null ? "" : Users.normalize(email);
        var blocked = throttle.blocked(account, clientAddress);
        if (blocked.isPresent()) {
            throw new TooManyAttempts(blocked.getAsLong());
        }
        var user = account.isEmpty() ? Optional.<Users.UserRow>empty() : users.byEmail(account);
        var hash = user.map(Users.UserRow::passwordHash).orElseGet(this::dummyHash);
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
