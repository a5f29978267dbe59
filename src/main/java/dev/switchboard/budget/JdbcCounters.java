package dev.switchboard.budget;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Budgets counted in PostgreSQL, for several instances without Redis (or after Redis went away): one row per budget and
 * period, taken from only by a conditional {@code UPDATE … WHERE spent + reserved + amount <= limit}, every charge of a
 * reservation in one transaction (rows in key order, so that two reservations never wait on each other in a circle).
 * Each reservation is a row naming its instance; {@link Instances} releases those of an instance that stopped beating.
 * The first time an instance uses a counter it raises it to the usage log's sum, if lower (the log is the truth: this
 * heals spending missed while Redis ruled or by a crash between a record and its settlement).
 */
final class JdbcCounters implements Counters {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SpentSince spentSince;
    private final String instanceId;
    private final long deadlineMillis;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    JdbcCounters(JdbcClient jdbc, TransactionTemplate transactions, SpentSince spentSince, String instanceId, long deadlineMillis) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.spentSince = spentSince;
        this.instanceId = instanceId;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public Shortfall reserve(String reservationId, List<Charge> charges) {
        charges.forEach(c -> seed(c.budget()));
        var ordered = charges.stream().sorted(Comparator.comparing(c -> c.budget().key())).toList();
        return transactions.execute(status -> {
            for (var charge : ordered) {
                var taken = jdbc.sql("""
                        UPDATE budget_counters SET reserved_nano = reserved_nano + :amount
                        WHERE counter_key = :key AND spent_nano + reserved_nano + :amount <= :limit""")
                        .param("amount", charge.amount()).param("key", charge.budget().key()).param("limit", charge.budget().limitNanos())
                        .update();
                if (taken == 0) {
                    status.setRollbackOnly();
                    return new Shortfall(charge, counted(charge.budget()).remaining(charge.budget().limitNanos()));
                }
                jdbc.sql("INSERT INTO budget_reservations (id, counter_key, instance_id, amount_nano, deadline) VALUES (?, ?, ?, ?, ?)")
                        .params(reservationId, charge.budget().key(), instanceId, charge.amount(), System.currentTimeMillis() + deadlineMillis)
                        .update();
            }
            return null;
        });
    }

    @Override
    public void settle(String reservationId, List<Charge> charges, long[] costs) {
        transactions.executeWithoutResult(status -> {
            for (var i = 0; i < charges.size(); i++) {
                var key = charges.get(i).budget().key();
                var released = jdbc.sql("DELETE FROM budget_reservations WHERE id = ? AND counter_key = ?").params(reservationId, key).update();
                jdbc.sql("UPDATE budget_counters SET reserved_nano = GREATEST(0, reserved_nano - ?), spent_nano = spent_nano + ? WHERE counter_key = ?")
                        .params(released > 0 ? charges.get(i).amount() : 0, costs[i], key).update();
            }
        });
    }

    @Override
    public Used used(Budget budget) {
        seed(budget);
        return counted(budget);
    }

    /**
     * The counter as it stands, not seeded first: inside a reservation's transaction (which holds a connection and row
     * locks) seeding could wait for another call's seed, which may itself wait for a connection: the pool would deadlock.
     */
    private Used counted(Budget budget) {
        return jdbc.sql("SELECT spent_nano, reserved_nano FROM budget_counters WHERE counter_key = ?").param(budget.key())
                .query((rs, i) -> new Used(rs.getLong(1), rs.getLong(2))).optional().orElse(new Used(0, 0));
    }

    /**
     * Creates the counter, or raises its spending to the usage log's sum, the first time this instance uses it. One call
     * at a time seeds: a second concurrent first use waits instead of reading a log that already holds the first call's
     * record while its settlement is still to come (it would count that call twice).
     */
    private void seed(Budget budget) {
        if (seeded.contains(budget.key())) {
            return;
        }
        synchronized (seeded) {
            if (!seeded.contains(budget.key())) {
                raise(budget);
            }
        }
    }

    private void raise(Budget budget) {
        jdbc.sql("""
                INSERT INTO budget_counters (counter_key, spent_nano, reserved_nano, created_at) VALUES (?, ?, 0, ?)
                ON CONFLICT (counter_key) DO UPDATE SET spent_nano = GREATEST(budget_counters.spent_nano, EXCLUDED.spent_nano)""")
                .params(budget.key(), spentSince.spent(budget), System.currentTimeMillis()).update();
        seeded.add(budget.key());
    }

    /** Forgets which counters were raised to the log, so that each is raised again at its next use (after an outage). */
    void reseed() {
        seeded.clear();
    }
}
