package dev.switchboard.budget;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which {@link Counters} hold the budgets: Redis when {@code SWITCHBOARD_REDIS_URL} is set and answers; otherwise the
 * database on PostgreSQL (several instances may share it) or this process's memory on the embedded SQLite (one instance).
 * When Redis fails, this instance goes on with the database (its counters raised again to the usage log at their next
 * use) and does not go back until it restarts; the error is logged once ({@link RedisLink#failed}).
 */
@Component
class CountersHolder {

    private final RedisLink redis;
    private final Counters redisCounters;
    private final Counters fallback;

    CountersHolder(SpentSince spentSince, RedisLink redis, JdbcClient jdbc, TransactionTemplate transactions, Instances instances,
                   BudgetProperties properties) {
        this.redis = redis;
        var deadline = properties.reservationDeadline().toMillis();
        this.redisCounters = new RedisCounters(redis, spentSince, deadline);
        this.fallback = instances.shared() ? new JdbcCounters(jdbc, transactions, spentSince, instances.id(), deadline)
                : new MemoryCounters(spentSince);
    }

    /** The counters that take new reservations now. */
    Counters current() {
        return redis.up() ? redisCounters : fallback;
    }

    /** The counters to use after {@code failed} threw: Redis is marked gone and the fallback re-reads the usage log. */
    Counters afterFailure(Counters failed, RuntimeException e) {
        if (failed != redisCounters) {
            throw e;
        }
        redis.failed(e);
        if (!redis.up() && fallback instanceof JdbcCounters jdbc) {
            jdbc.reseed();
        }
        return fallback;
    }

    /** Takes the charges where counters are kept now, or after a failure of Redis where they are kept then. */
    Taken reserve(String reservationId, java.util.List<Counters.Charge> charges) {
        var counters = current();
        try {
            var taken = new Taken(counters, counters.reserve(reservationId, charges));
            if (counters == redisCounters) {
                redis.answered();
            }
            return taken;
        } catch (RuntimeException e) {
            var next = afterFailure(counters, e);
            return new Taken(next, next.reserve(reservationId, charges));
        }
    }

    /** Settles where the reservation was taken, or where counters are kept after that failed. */
    void settle(Counters counters, String reservationId, java.util.List<Counters.Charge> charges, long[] costs) {
        try {
            counters.settle(reservationId, charges, costs);
        } catch (RuntimeException e) {
            afterFailure(counters, e).settle(reservationId, charges, costs);
        }
    }

    Counters.Used used(Budget budget) {
        var counters = current();
        try {
            return counters.used(budget);
        } catch (RuntimeException e) {
            return afterFailure(counters, e).used(budget);
        }
    }

    record Taken(Counters counters, Counters.Shortfall shortfall) {
    }
}
