package dev.switchboard.budget;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.access.CreditLedger;
import dev.switchboard.money.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** The credits ledger ({@code credit_grants}): integer nano-USD entries, summed for a balance, never edited in place. */
@Service
public class Credits implements CreditLedger {

    private final NamedParameterJdbcTemplate jdbc;

    Credits(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void grant(String userId, Money amount, String grantedBy, String note) {
        jdbc.update("""
                INSERT INTO credit_grants (id, user_id, amount_nano_usd, granted_by, note, created_at)
                VALUES (:id, :user, :amount, :by, :note, :at)""", new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID().toString()).addValue("user", userId).addValue("amount", amount.nanoUsd())
                .addValue("by", grantedBy).addValue("note", note).addValue("at", System.currentTimeMillis()));
    }

    /** One entry of a user's ledger: what was granted (or taken back), by whom, why, when. */
    public record Entry(String id, Money amount, String grantedBy, String note, long createdAtMillis) {
    }

    /** The user's ledger, newest first. */
    public java.util.List<Entry> ledger(String userId) {
        return jdbc.query("SELECT id, amount_nano_usd, granted_by, note, created_at FROM credit_grants WHERE user_id = :user "
                        + "ORDER BY created_at DESC, id", new MapSqlParameterSource("user", userId),
                (rs, i) -> new Entry(rs.getString("id"), Money.ofNanos(rs.getLong("amount_nano_usd")), rs.getString("granted_by"),
                        rs.getString("note"), rs.getLong("created_at")));
    }

    @Override
    public Money balance(String userId) {
        return balances(java.util.List.of(userId)).getOrDefault(userId, Money.ZERO);
    }

    @Override
    public Map<String, Money> balances(Collection<String> userIds) {
        var balances = new HashMap<String, Money>();
        if (userIds.isEmpty()) {
            return balances;
        }
        jdbc.query("SELECT user_id, SUM(amount_nano_usd) AS total FROM credit_grants WHERE user_id IN (:users) GROUP BY user_id",
                new MapSqlParameterSource("users", userIds),
                rs -> {
                    balances.put(rs.getString("user_id"), Money.ofNanos(rs.getLong("total")));
                });
        return balances;
    }
}
