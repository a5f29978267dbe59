package dev.switchboard.budget;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which {@link Counters} hold the budgets: Redis when {@code SWITCHBOARD_REDIS_URL} is set and answers; otherwise the
 * database on PostgreSQL (several instances may share it) or this process's memory on the embedded SQLite (one instance).
 * When Redis fails, this instance goes on with the database (its counters raised again to the usage log at their next
 * use) until Redis answers again ({@link RedisLink#probe}); what it settled there meanwhile is then added to Redis's
 * counters, before Redis takes reservations again. Each switch is logged once. Settlements in Redis are not waited for
 * ({@link RedisCounters#settleLater}); one that Redis did not take is settled in the fallback like any other. Calls
 * take Redis's budgets in slices ({@link LeasedCounters}), so most of them make no round trip at all.
 */
@Component
class CountersHolder {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CountersHolder.class);

    private final RedisLink redis;
    private final RedisCounters redisCounters;
    private final LeasedCounters leased;
    private final Counters fallback;

    CountersHolder(SpentSince spentSince, RedisLink redis, JdbcClient jdbc, TransactionTemplate transactions, Instances instances,
                   BudgetProperties properties) {
        this.redis = redis;
        var deadline = properties.reservationDeadline().toMillis();
        var shared = new RedisCounters(redis, spentSince, deadline);
        redis.onRecovery(shared::flush);
        this.redisCounters = shared;
        this.fallback = instances.shared() ? new JdbcCounters(jdbc, transactions, spentSince, instances.id(), deadline)
                : new MemoryCounters(spentSince);
        this.leased = new LeasedCounters(shared, this::settleInRedis, fallback, instances.shared(), "");
    }

    /** The counters that take new reservations now. */
    Counters current() {
        if (redis.up()) {
            return leased;
        }
        return redis.configured() ? inheriting() : fallback;
    }

    /** The fallback, once it holds what the slices hold (Redis is gone: see {@link LeasedCounters#handOver}). */
    private Counters inheriting() {
        leased.handOver();
        return fallback;
    }

    /** The counters to use after {@code failed} threw: Redis is marked gone and the fallback re-reads the usage log. */
    Counters afterFailure(Counters failed, RuntimeException e) {
        if (failed != redisCounters && failed != leased) {
            throw e;
        }
        redis.failed(e);
        if (!redis.up() && fallback instanceof JdbcCounters jdbc) {
            jdbc.reseed();
        }
        return inheriting();
    }

    /** Takes the charges where counters are kept now, or after a failure of Redis where they are kept then. */
    Taken reserve(String reservationId, java.util.List<Counters.Charge> charges) {
        var counters = current();
        try {
            if (counters == leased && redisCounters.missing()) { // settled in the fallback as Redis came back
                redisCounters.flush();
            }
            var taken = new Taken(counters, counters.reserve(reservationId, charges));
            if (counters == leased) {
                redis.answered();
            }
            return taken;
        } catch (RuntimeException e) {
            var next = afterFailure(counters, e);
            return new Taken(next, next.reserve(reservationId, charges));
        }
    }

    /**
     * Settles where the reservation was taken: in Redis without waiting, else in the fallback (and Redis has missed it).
     * When Redis fails to answer, also in the fallback, and run again in Redis once it answers, where it did not run.
     */
    void settle(Counters counters, String reservationId, java.util.List<Counters.Charge> charges, long[] costs) {
        if (counters == leased) {
            leased.settle(reservationId, charges, costs); // its lease's spending goes to Redis when the lease is settled
            return;
        }
        if (counters == redisCounters) {
            settleInRedis(reservationId, charges, costs);
            return;
        }
        fallback.settle(reservationId, charges, costs);
        missedByRedis(charges, costs);
    }

    /** Settles a reservation held in Redis without waiting; one that Redis does not take is settled in the fallback. */
    private void settleInRedis(String reservationId, java.util.List<Counters.Charge> charges, long[] costs) {
        try {
            redisCounters.settleLater(reservationId, charges, costs).whenComplete((done, e) -> {
                if (e != null) { // off Lettuce's event loop: the fallback may be the database
                    Thread.ofVirtual().start(() -> settleElsewhere(reservationId, charges, costs, e));
                }
            });
        } catch (RuntimeException e) {
            settleElsewhere(reservationId, charges, costs, e);
        }
    }

    /**
     * Retires the leases older than a second, so that their spending reaches Redis (and what they hold is given back);
     * all of them once Redis is gone, so that their calls' spending is settled where the counters are kept then.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 250, initialDelay = 250)
    void retireLeases() {
        if (redis.configured()) {
            leased.retireOld(!redis.up());
        }
    }

    private void settleElsewhere(String reservationId, java.util.List<Counters.Charge> charges, long[] costs, Throwable e) {
        try {
            var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            redisCounters.unsettled(reservationId, charges, costs);
            afterFailure(redisCounters, cause instanceof RuntimeException r ? r : new IllegalStateException(cause)).settle(reservationId, charges, costs);
        } catch (RuntimeException failed) {
            log.error("Settling reservation {} failed; its budgets count it again from the usage log when next read", reservationId, failed);
        }
    }

    /** A settlement in the fallback: Redis's counters take it when Redis answers again (now, if it already does). */
    private void missedByRedis(java.util.List<Counters.Charge> charges, long[] costs) {
        if (!redis.configured()) {
            return;
        }
        redisCounters.missed(charges, costs);
        if (redis.up()) {
            try {
                redisCounters.flush();
            } catch (RuntimeException e) {
                afterFailure(redisCounters, e);
            }
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
