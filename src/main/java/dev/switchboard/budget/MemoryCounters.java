package dev.switchboard.budget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budgets counted in this process: each counter starts from the usage log ({@link SpentSince}) the first time its budget
 * is used in its period, then counts every settlement. Reservations live only here, so a crash leaves none behind: at the
 * next start the counters are read again from the usage log. Reserving checks and takes in one step under one lock (a
 * few additions), so concurrent calls cannot overspend. A settlement of a reservation taken elsewhere (in Redis, before it
 * went away) only spends. Right for one instance; several share {@link RedisCounters} or {@link JdbcCounters}.
 */
final class MemoryCounters implements Counters {

    private final SpentSince spentSince;
    private final Map<String, long[]> counters = new ConcurrentHashMap<>();
    private final java.util.Set<String> live = ConcurrentHashMap.newKeySet();

    MemoryCounters(SpentSince spentSince) {
        this.spentSince = spentSince;
    }

    @Override
    public Shortfall reserve(String reservationId, List<Charge> charges) {
        var slots = charges.stream().map(c -> counter(c.budget())).toList();
        synchronized (this) {
            for (var i = 0; i < charges.size(); i++) {
                var charge = charges.get(i);
                var slot = slots.get(i);
                if (slot[0] + slot[1] + charge.amount() > charge.budget().limitNanos()) {
                    return new Shortfall(charge, Math.max(0, charge.budget().limitNanos() - slot[0] - slot[1]));
                }
            }
            for (var i = 0; i < charges.size(); i++) {
                slots.get(i)[1] += charges.get(i).amount();
            }
            live.add(reservationId);
            return null;
        }
    }

    @Override
    public void settle(String reservationId, List<Charge> charges, long[] costs) {
        var slots = charges.stream().map(c -> counter(c.budget())).toList();
        synchronized (this) {
            var reservedHere = live.remove(reservationId);
            for (var i = 0; i < charges.size(); i++) {
                var slot = slots.get(i);
                slot[1] = reservedHere ? Math.max(0, slot[1] - charges.get(i).amount()) : slot[1];
                slot[0] += costs[i];
            }
        }
    }

    @Override
    public Used used(Budget budget) {
        var slot = counter(budget);
        synchronized (this) {
            return new Used(slot[0], slot[1]);
        }
    }

    /** Forgets the counters of periods that have ended and hold no reservation (they are never used again). */
    synchronized void forgetPast(java.util.function.Predicate<String> current) {
        counters.entrySet().removeIf(e -> !current.test(e.getKey()) && e.getValue()[1] == 0);
    }

    /** {spent, reserved}, read from the usage log the first time. */
    private long[] counter(Budget budget) {
        return counters.computeIfAbsent(budget.key(), k -> new long[]{spentSince.spent(budget), 0});
    }
}
