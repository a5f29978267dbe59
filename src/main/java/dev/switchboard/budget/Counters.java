package dev.switchboard.budget;

import java.util.List;

/**
 * Where budgets' spending and reservations are counted: in memory on one instance ({@link MemoryCounters}), in Redis or
 * in the database when several instances share them. A reservation takes every charge's amount or none, atomically, so
 * that concurrent calls cannot pass a limit together.
 */
interface Counters {

    /** Takes each charge's amount from its budget, all or none: null when all fit, else the first budget that could not. */
    Shortfall reserve(String reservationId, List<Charge> charges);

    /** The call ended: each charge's reserved amount is released and its {@code costs} (same order) spent. */
    void settle(String reservationId, List<Charge> charges, long[] costs);

    /** What a budget has spent and holds reserved now, in nano-USD. */
    Used used(Budget budget);

    /** An amount to take from a budget. */
    record Charge(Budget budget, long amount) {
    }

    /** The budget that could not take its charge, and what it had left (never negative). */
    record Shortfall(Charge charge, long remaining) {
    }

    /** A budget's spending and reservations, in nano-USD. */
    record Used(long spent, long reserved) {
        long remaining(long limit) {
            return Math.max(0, limit - spent - reserved);
        }
    }
}
