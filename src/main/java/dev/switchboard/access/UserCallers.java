package dev.switchboard.access;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The caller an access token's subject stands for, through a short cache so that a token costs no database round
 * trip. Only active users are callers. {@link #invalidate} on every change to a user takes effect at once on this
 * instance; other instances see it within the cache's lifetime.
 */
@Component
class UserCallers {

    private final Users users;
    private final Cache<String, Optional<Caller>> byUserId = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    UserCallers(Users users) {
        this.users = users;
    }

    Optional<Caller> of(String userId) {
        return byUserId.get(userId, id -> users.byId(id).filter(Users.UserRow::active).map(Users.UserRow::caller));
    }

    void invalidate(String userId) {
        byUserId.invalidate(userId);
    }
}
