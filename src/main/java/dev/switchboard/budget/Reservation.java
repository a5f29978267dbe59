package dev.switchboard.budget;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's worst-case cost, held against every budget that applies to it until the call ends. Settled exactly once
 * ({@link #settle}), with the real cost, however the call ended (a call that never reached the provider settles at
 * zero); a second settlement changes nothing. {@link #creditsFor} is what the call's usage record debits from its user's
 * credits: the cost times the provider's credit multiplier, when credits apply.
 */
public final class Reservation {

    /** Nothing reserved: a call that no budget applies to (or an admin's key test). */
    public static final Reservation NONE = new Reservation(UUID.randomUUID().toString(), null, null, List.of(), 1000, false);
    private static final Logger log = LoggerFactory.getLogger(Reservation.class);

    private final String id;
    private final CountersHolder holder;
    private final Counters counters;
    private final List<Counters.Charge> charges;
    private final long multiplierMilli;
    private final boolean credits;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(String id, CountersHolder holder, Counters counters, List<Counters.Charge> charges, long multiplierMilli, boolean credits) {
        this.id = id;
        this.holder = holder;
        this.counters = counters;
        this.charges = List.copyOf(charges);
        this.multiplierMilli = multiplierMilli;
        this.credits = credits;
    }

    String id() {
        return id;
    }

    List<Counters.Charge> charges() {
        return charges;
    }

    /** The credits a call of this cost debits from its user (zero when credits do not apply). */
    public Money creditsFor(Money cost) {
        return credits ? cost.timesMilli(multiplierMilli) : Money.ZERO;
    }

    /** Releases the reservation and spends the real cost on every budget (credits at the multiplier). */
    public void settle(long costNanos) {
        if (charges.isEmpty() || !settled.compareAndSet(false, true)) {
            return;
        }
        var cost = Money.ofNanos(Math.max(0, costNanos));
        var costs = new long[charges.size()];
        for (var i = 0; i < costs.length; i++) {
            costs[i] = charges.get(i).budget().kind() == Budget.Kind.CREDITS ? creditsFor(cost).nanoUsd() : cost.nanoUsd();
        }
        try {
            holder.settle(counters, id, charges, costs);
        } catch (RuntimeException e) {
            log.error("Settling {} failed; its budgets count it again from the usage log when next read", this, e);
        }
    }

    @Override
    public String toString() {
        return "Reservation[" + id + ", " + charges.size() + " budgets]";
    }
}
