package dev.switchboard.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Budgets in Redis, reserved in leases: an instance reserves a slice of a budget in Redis (an ordinary reservation, so
 * every instance's check counts it, and a dead instance's slice is dropped like any reservation it held) and takes its
 * calls' worst cases from that slice here, without a round trip; a call's settlement is counted against its slice here,
 * and a slice's real spending goes to Redis when the slice is settled there: once it is retired (after
 * {@link #LEASE_NANOS}, or when it cannot take the next call, or when its limit changed) and its last call has ended.
 * So the worst case of every call in flight is still held against the budget before its upstream call, and no two
 * instances can spend the same money: a budget is never overspent, and a call waits for Redis only when its slice runs
 * out (once in up to {@link #MAX_CALLS_PER_LEASE} calls).
 * <p>
 * A slice is sized for the budget's traffic: twice the calls its last slice served, at least {@link #FIRST_LEASE_CALLS}
 * and at most {@link #MAX_CALLS_PER_LEASE} (so a busy budget's slices grow until each lasts a good part of its second,
 * and round trips stay rare at any rate; a quiet one's stay small).
 * <p>
 * A slice holds at most an eighth of what the budget had left when it was taken, and nothing beyond the call's own worst
 * case while that eighth is less than one more call: so near its limit, a budget is reserved call by call, exactly as
 * without leases; and since a slice that cannot take the next call is given back first, one instance never refuses a
 * call that its own slice would leave room for. What another instance holds in its slice is held for at most about a
 * second. {@link #used} adds what this instance's slices spent and holds to Redis's figures, so this instance reads its
 * own calls exactly; another instance's spending shows once its slice is settled (within about a second).
 */
final class LeasedCounters implements Counters {

    /** How long a slice takes new calls before it is retired and its spending goes to Redis. */
    static final long LEASE_NANOS = 1_000_000_000L;
    /** The most calls' worst cases a slice holds. */
    static final int MAX_CALLS_PER_LEASE = 2048;
    /** The fewest calls a slice is sized for (a budget's first, and a quiet one's). */
    static final int FIRST_LEASE_CALLS = 64;
    /** How long a call waits for another call's new slice before it reserves its own worst case alone. */
    static final long WAIT_NANOS = 2_000_000_000L;

    /** Settles a slice in Redis (with the holder's handling of a Redis that does not answer). */
    interface Settler {
        void settle(String reservationId, List<Charge> charges, long[] costs);
    }

    private final RedisCounters redis;
    private final Settler settler;
    /** The counters that enforce while Redis is gone: what the slices' calls in flight hold is reserved there when it goes ({@link #handOver}). */
    private final Counters heir;
    /** Whether the heir is shared with other instances (the database), so open slices are reserved in it too. */
    private final boolean sharedHeir;
    /** The slices' reservation ids in the heir: this instance's own (the heir is shared, and a slice's id is only unique here). */
    private final String heirPrefix = "slice-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextLong()) + "-";
    private final String idPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a call that was taking a budget's next slice is done (taken or not). */
    private final java.util.concurrent.locks.Condition acquired = lock.newCondition();
    /** The slice that takes new calls, by budget key. */
    private final Map<String, Lease> open = new HashMap<>();
    /** Every slice not yet settled in Redis (open, or retired with calls in flight), by budget key. */
    private final Map<String, List<Lease>> live = new HashMap<>();
    /** The calls in flight: the slice each of their charges was taken from, in the charges' order. */
    private final Map<String, Lease[]> calls = new HashMap<>();
    /** The budgets whose next slice one call is taking now (other calls needing it wait for it, at most {@link #WAIT_NANOS}). */
    private final java.util.Set<String> acquiring = new java.util.HashSet<>();
    /** What each budget had left in Redis when a slice of it was last taken: the next slice's size follows from it. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Long> remaining = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    /** How many calls each budget's last retired slice served: the next slice holds twice as many. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Long> served = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    private long sequence;

    LeasedCounters(RedisCounters redis, Settler settler, Counters heir, boolean sharedHeir, String idPrefix) {
        this.redis = redis;
        this.settler = settler;
        this.heir = heir;
        this.sharedHeir = sharedHeir;
        this.idPrefix = idPrefix;
    }

    /** A slice of one budget, reserved in Redis under {@code id}. */
    private static final class Lease {
        final String id;
        final Budget budget;
        long size;
        final long opened = System.nanoTime();
        long inFlight;
        long spent;
        long calls;
        boolean retired;
        /** Reserved in the heir when Redis went away: what its calls then in flight hold (0: nothing was). */
        long bequeathed;

        Lease(String id, Budget budget, long size) {
            this.id = id;
            this.budget = budget;
            this.size = size;
        }

        long free() {
            return size - inFlight - spent;
        }

        boolean takes(Charge charge, long now) {
            return !retired && budget.limitNanos() == charge.budget().limitNanos() && free() >= charge.amount() && now - opened < LEASE_NANOS;
        }
    }

    /**
     * Takes the charges from this instance's slices, or new slices from Redis. Only while Redis's connection is open: once
     * it is gone, another instance may enforce through the database, which knows nothing of the slices, so what they
     * still hold must not be spent (the call fails over like any that finds Redis gone). No lock is held while Redis is
     * asked (a Redis that stops answering must not queue every call behind one); while one call takes a new slice of a
     * budget, another that finds that budget's slice used up reserves its own worst case alone.
     */
    @Override
    public Shortfall reserve(String reservationId, List<Charge> charges) {
        if (!redis.connected()) {
            throw new io.lettuce.core.RedisConnectionException("Redis is not connected: its leases serve no new call");
        }
        var done = new ArrayList<Lease>();
        var taken = new Lease[charges.size()];
        var missing = new ArrayList<Integer>();
        var sized = new ArrayList<Charge>();
        var owned = new ArrayList<Boolean>();
        String id;
        lock.lock();
        try {
            while (waitsForASlice(charges)) {
                if (!acquired.await(WAIT_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    break; // the call taking it is slow: this one reserves its own worst case alone
                }
            }
            var now = System.nanoTime();
            for (var i = 0; i < charges.size(); i++) {
                var charge = charges.get(i);
                var lease = open.get(charge.budget().key());
                if (lease != null && lease.takes(charge, now)) {
                    taken[i] = lease;
                    lease.inFlight += charge.amount();
                    lease.calls++;
                    continue;
                }
                if (lease != null) {
                    retire(lease, done);
                }
                missing.add(i);
                var slice = acquiring.add(charge.budget().key());
                owned.add(slice);
                sized.add(new Charge(charge.budget(), slice ? size(charge) : charge.amount()));
            }
            if (missing.isEmpty()) {
                calls.put(reservationId, taken);
                return null;
            }
            id = idPrefix + "L" + Long.toString(++sequence, 36);
            settle(done); // given back first (on the one connection, before the next reservation), so it leaves room for this call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while another call took a budget's next slice", e);
        } finally {
            lock.unlock();
        }
        return lease(reservationId, id, charges, taken, missing, sized, owned);
    }

    /**
     * Whether a charge finds its budget's slice used up while another call is taking the next one: then this call waits for
     * that slice (one round trip, as its own would cost) instead of asking Redis too. Asking too, every call in flight
     * when a slice runs out made a round trip of its own, and the slices' whole point was lost under load.
     */
    private boolean waitsForASlice(List<Charge> charges) {
        var now = System.nanoTime();
        for (var charge : charges) {
            var lease = open.get(charge.budget().key());
            if ((lease == null || !lease.takes(charge, now)) && acquiring.contains(charge.budget().key())) {
                return true;
            }
        }
        return false;
    }

    /** Takes the slices for the charges at {@code missing} in Redis, all or none (refused, each call's own worst case alone). */
    private Shortfall lease(String reservationId, String id, List<Charge> charges, Lease[] taken, List<Integer> missing, List<Charge> sized,
                            List<Boolean> owned) {
        var exact = new ArrayList<Charge>(missing.size());
        missing.forEach(i -> exact.add(charges.get(i)));
        RedisCounters.Reserved reserved;
        try {
            reserved = redis.reserveTelling(id, sized);
            if (reserved.shortfall() != null && !sized.equals(exact)) {
                reserved = redis.reserveTelling(id, exact);
                sized = exact;
            }
        } catch (RuntimeException e) {
            undo(charges, taken, sized, owned);
            throw e;
        }
        if (reserved.shortfall() != null) {
            undo(charges, taken, sized, owned);
            var failed = reserved.shortfall();
            return new Shortfall(charges.get(missing.get(sized.indexOf(failed.charge()))), failed.remaining());
        }
        var registered = registerInHeir(id, sized, owned);
        var done = new ArrayList<Lease>();
        lock.lock();
        try {
            for (var j = 0; j < sized.size(); j++) {
                var charge = sized.get(j);
                var key = charge.budget().key();
                var lease = new Lease(id, charge.budget(), charge.amount());
                lease.bequeathed = registered && owned.get(j) ? charge.amount() : 0;
                live.computeIfAbsent(key, k -> new ArrayList<>(2)).add(lease);
                remaining.put(key, reserved.remaining()[j]);
                if (owned.get(j)) { // the slice that takes the next calls
                    acquiring.remove(key);
                    var before = open.put(key, lease);
                    if (before != null) {
                        retire(before, done);
                    }
                } else { // this call's own worst case: settled when it ends
                    lease.retired = true;
                }
                var i = missing.get(j);
                taken[i] = lease;
                lease.inFlight += charges.get(i).amount();
                lease.calls++;
            }
            calls.put(reservationId, taken);
            acquired.signalAll();
            if (!redis.connected()) { // Redis went away while these slices were taken: no call takes from them, the heir counts this one
                for (var i : missing) {
                    retire(taken[i], done);
                    bequeath(taken[i]);
                }
            }
            settle(done);
        } finally {
            lock.unlock();
        }
        return null;
    }

    /**
     * A new slice reserved in the heir too, at its whole size, when the heir is shared with other instances (the database):
     * an instance only sees that Redis is gone once its connection says so, and until then it serves calls from its open
     * slices; another instance that already enforces through the database must count them. Handed over only when this
     * instance noticed (below), they were not: {@code TwoInstancesTest} overspent a budget by one call in a clean-clone CI
     * run. Released in the heir when the slice is settled; what the slice's served calls spent is in the usage log as well
     * until then, so the database counts it twice for that moment (errs to refusing, never over). Not for the heir in this
     * process's memory (one instance: nobody else spends beside it), nor for a call's own worst case taken alone (no
     * other call takes from it, and a call in flight is handed over like any other). False when the database did not
     * take it.
     */
    private boolean registerInHeir(String id, List<Charge> sized, List<Boolean> owned) {
        if (!sharedHeir || !owned.contains(true)) {
            return false;
        }
        var slices = new ArrayList<Charge>();
        for (var j = 0; j < sized.size(); j++) {
            if (owned.get(j)) {
                slices.add(new Charge(unlimited(sized.get(j).budget()), sized.get(j).amount()));
            }
        }
        try {
            return heir.reserve(heirPrefix + id, slices) == null;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LeasedCounters.class).debug("Could not register slice {} in the database: {}", id, e.toString());
            return false;
        }
    }

    /** A reservation that did not come about: what it took from slices here goes back, and the budgets it was taking new slices of are free to take again. */
    private void undo(List<Charge> charges, Lease[] taken, List<Charge> sized, List<Boolean> owned) {
        var done = new ArrayList<Lease>();
        lock.lock();
        try {
            for (var i = 0; i < taken.length; i++) {
                if (taken[i] != null) {
                    release(taken[i], charges.get(i).amount(), done);
                }
            }
            for (var j = 0; j < sized.size(); j++) {
                if (owned.get(j)) {
                    acquiring.remove(sized.get(j).budget().key());
                }
            }
            acquired.signalAll();
            settle(done);
        } finally {
            lock.unlock();
        }
    }

    private void release(Lease lease, long amount, List<Lease> done) {
        lease.inFlight -= amount;
        if (lease.retired && lease.inFlight == 0) {
            done.add(lease);
            forget(lease);
        }
    }

    /**
     * The call's worst case, and as many more of them as fit in an eighth of what the budget had left, up to twice the calls
     * its last slice served (at least {@link #FIRST_LEASE_CALLS}, at most {@link #MAX_CALLS_PER_LEASE} in all).
     */
    private long size(Charge charge) {
        var amount = charge.amount();
        var key = charge.budget().key();
        var left = remaining.getIfPresent(key);
        if (left == null || amount <= 0) {
            return amount;
        }
        var last = served.getIfPresent(key);
        var calls = Math.min(MAX_CALLS_PER_LEASE, Math.max(FIRST_LEASE_CALLS, last == null ? 0 : 2 * last));
        var more = Math.min(calls - 1, left / 8 / amount);
        return amount + more * amount;
    }

    @Override
    public void settle(String reservationId, List<Charge> charges, long[] costs) {
        var done = new ArrayList<Lease>();
        lock.lock();
        try {
            var taken = calls.remove(reservationId);
            if (taken == null) {
                return;
            }
            for (var i = 0; i < taken.length; i++) {
                var lease = taken[i];
                lease.inFlight -= charges.get(i).amount();
                lease.spent += costs[i];
                if (!lease.retired && lease.free() < charges.get(i).amount()) {
                    retire(lease, done); // it could not take another call like this one: its spending goes to Redis now
                } else if (lease.retired && lease.inFlight == 0) {
                    done.add(lease);
                    forget(lease);
                }
            }
            settle(done);
        } finally {
            lock.unlock();
        }
    }

    /** Retires the slices older than {@link #LEASE_NANOS} (and all, when {@code all}), so that what they spent reaches Redis. */
    void retireOld(boolean all) {
        var done = new ArrayList<Lease>();
        lock.lock();
        try {
            var now = System.nanoTime();
            for (var lease : List.copyOf(open.values())) {
                if (all || now - lease.opened >= LEASE_NANOS) {
                    retire(lease, done);
                }
            }
            settle(done);
        } finally {
            lock.unlock();
        }
    }

    /**
     * No new call takes from the slice; settled at once when no call is in flight on it, else lowered in Redis to what its
     * calls in flight hold and have spent (a long stream must not keep the rest from others) and settled when the last ends.
     */
    private void retire(Lease lease, List<Lease> done) {
        lease.retired = true;
        if (open.remove(lease.budget.key(), lease)) {
            served.put(lease.budget.key(), lease.calls);
        }
        if (lease.inFlight == 0) {
            done.add(lease);
            forget(lease);
        } else if (lease.free() > 0 && redis.connected()) {
            var needed = lease.inFlight + lease.spent;
            try {
                redis.shrinkLater(lease.id, lease.budget, needed);
                lease.size = needed;
            } catch (RuntimeException e) { // it keeps holding its whole size until it is settled: more than needed, never less
                org.slf4j.LoggerFactory.getLogger(LeasedCounters.class).debug("Could not lower lease {}: {}", lease.id, e.toString());
            }
        }
    }

    private void forget(Lease lease) {
        var leases = live.get(lease.budget.key());
        if (leases != null && leases.remove(lease) && leases.isEmpty()) {
            live.remove(lease.budget.key());
        }
    }

    /** Releases each slice in Redis, spending what its calls cost (each on its own budget's counter); a bequeathed one in the heir too. */
    private void settle(List<Lease> done) {
        for (var lease : done) {
            if (lease.bequeathed > 0) { // released there first, at no cost: its spending goes once, wherever the settler puts it
                heir.settle(heirPrefix + lease.id, List.of(new Charge(unlimited(lease.budget), lease.bequeathed)), new long[]{0});
            }
            settler.settle(lease.id, List.of(new Charge(lease.budget, lease.size)), new long[]{lease.spent});
        }
    }

    /**
     * Redis is gone: every open slice is retired (no call takes from it any more), and what the calls in flight on each
     * live slice hold is reserved in the heir under the slice's own id there, so that the heir's enforcement counts
     * them; it is released there when the slice is settled. Without this, the heir (the database) knew nothing of the
     * calls in flight on slices, nor of the calls a slice still served in the moment before its connection was seen
     * closed, and admitted their money again: {@code TwoInstancesTest} overspent a budget by one call in about half of
     * its runs. Called before every reservation the heir takes while Redis is gone (cheap once done). A slice the
     * database already holds whole (registered when it was taken, {@link #registerInHeir}) needs nothing more here.
     */
    void handOver() {
        var done = new ArrayList<Lease>();
        lock.lock();
        try {
            for (var lease : List.copyOf(open.values())) {
                retire(lease, done);
            }
            live.values().forEach(leases -> leases.forEach(this::bequeath));
            settle(done);
        } finally {
            lock.unlock();
        }
    }

    private void bequeath(Lease lease) {
        if (lease.bequeathed > 0 || lease.inFlight == 0) {
            return;
        }
        if (heir.reserve(heirPrefix + lease.id, List.of(new Charge(unlimited(lease.budget), lease.inFlight))) == null) {
            lease.bequeathed = lease.inFlight;
        }
    }

    /** The same budget's counter without its limit: what a slice holds was admitted already and must be counted, not refused. */
    private static Budget unlimited(Budget budget) {
        return new Budget(budget.kind(), budget.ownerId(), budget.label(), budget.period(), Long.MAX_VALUE, budget.since(), budget.resetsAt(),
                budget.key());
    }

    /** How many slices this instance has taken in Redis so far (each a waited round trip). */
    long leasesTaken() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Redis's figures, with what this instance's slices spent (not yet in Redis) and hold for calls in flight (not their whole size). */
    @Override
    public Used used(Budget budget) {
        lock.lock();
        try {
            var used = redis.used(budget);
            var spent = used.spent();
            var reserved = used.reserved();
            for (var lease : live.getOrDefault(budget.key(), List.of())) {
                spent += lease.spent;
                reserved += lease.inFlight - lease.size;
            }
            return new Used(spent, Math.max(0, reserved));
        } finally {
            lock.unlock();
        }
    }
}
