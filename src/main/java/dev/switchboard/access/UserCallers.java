package dev.switchboard.access;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The caller an access token's subject stands for, through a short cache so that a token costs no database round
 * trip. Only active users are callers, and only with tokens issued since their password last changed. {@link #invalidate} on every change to a user takes effect at once on this
 * instance; other instances see it within the cache's lifetime.
 */
@Component
class UserCallers {

    private final Users users;
    private final Cache<String, Optional<Users.UserRow>> byUserId = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    UserCallers(Users users) {
        this.users = users;
    }

    /**
     * The caller a verified token stands for: its user must be active, and the token issued no earlier than the second
     * in which the user's password last changed (JWTs count whole seconds).
     */
    Optional<Caller> of(AccessTokens.Verified token) {
        return byUserId.get(token.userId(), id -> users.byId(id).filter(Users.UserRow::active))
                .filter(user -> token.issuedAtMillis() >= user.credentialsChangedAtMillis() / 1000 * 1000)
                .map(Users.UserRow::caller);
    }

    void invalidate(String userId) {
        byUserId.invalidate(userId);
    }
}
