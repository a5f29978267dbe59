package dev.switchboard.budget;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.access.CreditLedger;
import dev.switchboard.access.Invalidation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import dev.switchboard.money.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The credits ledger ({@code credit_grants}): integer nano-USD entries, summed for what was granted, never edited in
 * place. What was spent is the sum of the credits that member-mode calls' usage records debited; the balance is the
 * difference. The granted sum is cached for reservations (a grant here applies at once, elsewhere within seconds).
 */
@Service
public class Credits implements CreditLedger {

    private final NamedParameterJdbcTemplate jdbc;
    private final Cache<String, Money> granted = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(5)).build();

    private final ApplicationEventPublisher events;

    Credits(NamedParameterJdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    void on(Invalidation invalidation) {
        if (invalidation.remote() && invalidation.scope() == Invalidation.Scope.CREDITS) {
            forget(invalidation.id());
        }
    }

    /** The sum of the user's grants, from a short cache: what its credits budget holds. */
    Money granted(String userId) {
        return granted.get(userId, id -> sums("SELECT user_id, SUM(amount_nano_usd) AS total FROM credit_grants WHERE user_id IN (:users) "
                + "GROUP BY user_id", List.of(id)).getOrDefault(id, Money.ZERO));
    }

    void forget(String userId) {
        granted.invalidate(userId);
    }

    @Override
    public void grant(String userId, Money amount, String grantedBy, String note) {
        jdbc.update("""
                INSERT INTO credit_grants (id, user_id, amount_nano_usd, granted_by, note, created_at)
                VALUES (:id, :user, :amount, :by, :note, :at)""", new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID().toString()).addValue("user", userId).addValue("amount", amount.nanoUsd())
                .addValue("by", grantedBy).addValue("note", note).addValue("at", System.currentTimeMillis()));
        forget(userId);
        events.publishEvent(Invalidation.of(Invalidation.Scope.CREDITS, userId));
    }

    /** One entry of a user's ledger: what was granted (or taken back), by whom, why, when. */
    public record Entry(String id, Money amount, String grantedBy, String note, long createdAtMillis) {
    }

    /** The user's ledger, newest first. */
    public List<Entry> ledger(String userId) {
        return jdbc.query("SELECT id, amount_nano_usd, granted_by, note, created_at FROM credit_grants WHERE user_id = :user "
                        + "ORDER BY created_at DESC, id", new MapSqlParameterSource("user", userId),
                (rs, i) -> new Entry(rs.getString("id"), Money.ofNanos(rs.getLong("amount_nano_usd")), rs.getString("granted_by"),
                        rs.getString("note"), rs.getLong("created_at")));
    }

    @Override
    public Balance balance(String userId) {
        return balances(List.of(userId)).getOrDefault(userId, Balance.NONE);
    }

    @Override
    public Map<String, Balance> balances(Collection<String> userIds) {
        var balances = new HashMap<String, Balance>();
        if (userIds.isEmpty()) {
            return balances;
        }
        var grants = sums("SELECT user_id, SUM(amount_nano_usd) AS total FROM credit_grants WHERE user_id IN (:users) GROUP BY user_id", userIds);
        var spent = sums("SELECT user_id, SUM(credits_nano_usd) AS total FROM usage_records WHERE user_id IN (:users) "
                + "AND credits_nano_usd <> 0 GROUP BY user_id", userIds);
        for (var user : userIds) {
            if (grants.containsKey(user) || spent.containsKey(user)) {
                balances.put(user, new Balance(grants.getOrDefault(user, Money.ZERO), spent.getOrDefault(user, Money.ZERO)));
            }
        }
        return balances;
    }

    private Map<String, Money> sums(String sql, Collection<String> userIds) {
        var sums = new HashMap<String, Money>();
        jdbc.query(sql, new MapSqlParameterSource("users", userIds), rs -> {
            sums.put(rs.getString("user_id"), Money.ofNanos(rs.getLong("total")));
        });
        return sums;
    }
}
