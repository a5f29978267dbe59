package dev.switchboard.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.ScriptOutputType;

/**
 * Budgets counted in Redis, shared by every instance: one hash per budget and period holding {@code spent},
 * {@code reserved} (the sum of its reservations) and one field per reservation ({@code r:<instance>:<id>} =
 * {@code amount|deadline}). A Lua script checks every charge against {@code spent + reserved} and takes them all, or
 * none, atomically; so a reservation costs the same however many calls are in flight. Reservations past their deadline
 * or of an instance whose heartbeat expired are dropped (and {@code reserved} summed again) when a charge would not fit,
 * and when a budget's use is read, so a crash never refuses a call for long. A counter starts from the usage log the
 * first time an instance uses it (or after it expired). Spending settled elsewhere while Redis was gone is added to
 * Redis's counters once it answers again ({@link #missed}, {@link #flush}), exactly that. A settlement spends only where
 * its reservation is still held, so one that failed can run again ({@link #unsettled}) without counting twice; where
 * the reservation is gone (it ran already, or it was dropped) the counter is raised to the usage log at its next use;
 * so is a counter that held a reservation of an instance that died (a lease of {@link LeasedCounters} may have served
 * calls whose spending the dead instance never settled: the usage log has them).
 * Amounts are exact in Lua's doubles up to 2^53 nano-USD (about $9 million).
 */
final class RedisCounters implements Counters {

    /** Drops the reservations of dead instances or past their deadline from KEYS[k] and answers (and keeps) the sum of the others. */
    private static final String SWEEP = """
            local function sweep(key, now, instances)
              local fields = redis.call('HGETALL', key)
              local reserved, alive = 0, {}
              for j = 1, #fields, 2 do
                local f = fields[j]
                if string.sub(f, 1, 2) == 'r:' then
                  local v = fields[j + 1]
                  local sep = string.find(v, '|', 1, true)
                  local instance = string.match(f, '^r:([^:]+):')
                  if alive[instance] == nil then alive[instance] = redis.call('EXISTS', instances .. instance) == 1 end
                  if tonumber(string.sub(v, sep + 1)) < now or not alive[instance] then
                    redis.call('HDEL', key, f)
                    if not alive[instance] then redis.call('HSET', key, 'stale', '1') end
                  else
                    reserved = reserved + tonumber(string.sub(v, 1, sep - 1))
                  end
                end
              end
              redis.call('HSET', key, 'reserved', string.format('%.0f', reserved))
              return reserved
            end
            """;
    private static final RedisLink.Script RESERVE = RedisLink.Script.of(SWEEP + """
            local now = tonumber(ARGV[1])
            for i = 1, #KEYS do
              local base = 4 + (i - 1) * 4
              local limit = tonumber(ARGV[base + 1]); local amount = tonumber(ARGV[base + 2]); local seed = tonumber(ARGV[base + 3])
              if redis.call('EXISTS', KEYS[i]) == 0 then
                if seed < 0 then return {-1, i, 0} end
                redis.call('HSET', KEYS[i], 'spent', ARGV[base + 3], 'reserved', '0')
              end
              local held = redis.call('HMGET', KEYS[i], 'spent', 'reserved', 'stale')
              local spent = tonumber(held[1] or '0')
              if held[3] then
                if seed < 0 then return {-1, i, 0} end
                if seed > spent then
                  spent = seed
                  redis.call('HSET', KEYS[i], 'spent', ARGV[base + 3])
                end
                redis.call('HDEL', KEYS[i], 'stale')
              end
              if ARGV[base + 4] == '1' and seed > spent then
                spent = seed
                redis.call('HSET', KEYS[i], 'spent', ARGV[base + 3])
              end
              local reserved = held[2] and tonumber(held[2]) or sweep(KEYS[i], now, ARGV[4])
              if spent + reserved + amount > limit then
                reserved = sweep(KEYS[i], now, ARGV[4])
                if spent + reserved + amount > limit then return {0, i, math.max(0, limit - spent - reserved)} end
              end
            end
            local answer = {1, 0, 0}
            for i = 1, #KEYS do
              local base = 4 + (i - 1) * 4
              local amount = ARGV[base + 2]
              redis.call('HSET', KEYS[i], ARGV[2], amount .. '|' .. ARGV[3])
              local reserved = redis.call('HINCRBY', KEYS[i], 'reserved', amount)
              local held = redis.call('HGET', KEYS[i], 'spent')
              answer[#answer + 1] = math.max(0, tonumber(ARGV[base + 1]) - tonumber(held or '0') - reserved)
            end
            return answer""");
    /**
     * Releases the reservation and spends the cost where the reservation is still held; answers 0 for a counter where it
     * is not (this settlement ran already, its answer lost, or the reservation was dropped), which is then raised to the
     * usage log at its next use rather than counted twice or not at all; 1 where it settled (or the counter is gone: it
     * starts from the log). So a settlement may run again after a failure.
     */
    private static final RedisLink.Script SETTLE = RedisLink.Script.of("""
            local answer = {}
            for i = 1, #KEYS do
              answer[i] = 1
              if redis.call('EXISTS', KEYS[i]) == 1 then
                local v = redis.call('HGET', KEYS[i], ARGV[1])
                if v then
                  redis.call('HDEL', KEYS[i], ARGV[1])
                  local held = string.sub(v, 1, string.find(v, '|', 1, true) - 1)
                  if redis.call('HINCRBY', KEYS[i], 'reserved', '-' .. held) < 0 then redis.call('HSET', KEYS[i], 'reserved', '0') end
                  redis.call('HINCRBY', KEYS[i], 'spent', ARGV[i * 2 + 1])
                else
                  answer[i] = 0
                end
                redis.call('PEXPIRE', KEYS[i], ARGV[i * 2])
              end
            end
            return answer""");
    /** Lowers what a reservation holds on KEYS[1] to ARGV[2] (never raises it): a lease retired with calls still in flight keeps only what they need. */
    private static final RedisLink.Script SHRINK = RedisLink.Script.of("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if not v then return 0 end
            local sep = string.find(v, '|', 1, true)
            local held = tonumber(string.sub(v, 1, sep - 1))
            local wanted = tonumber(ARGV[2])
            if wanted >= held then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. string.sub(v, sep))
            if redis.call('HINCRBY', KEYS[1], 'reserved', wanted - held) < 0 then redis.call('HSET', KEYS[1], 'reserved', '0') end
            return 1""");
    private static final RedisLink.Script USED = RedisLink.Script.of(SWEEP + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0, 0} end
            local reserved = sweep(KEYS[1], tonumber(ARGV[1]), ARGV[2])
            return {1, tonumber(redis.call('HGET', KEYS[1], 'spent') or '0'), reserved}""");
    /** Adds spending that Redis missed to counters it still holds (one it does not hold starts from the usage log anyway). */
    private static final RedisLink.Script ADD = RedisLink.Script.of("""
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HINCRBY', KEYS[i], 'spent', ARGV[i]) end
            end
            return 1""");

    private final RedisLink redis;
    private final SpentSince spentSince;
    private final long deadlineMillis;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> missed = new ConcurrentHashMap<>();
    private final java.util.Queue<Unsettled> unsettled = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<String> raise = ConcurrentHashMap.newKeySet();
    /** Each counter's Redis key (prefixed), by its budget's key: built once, not for every call's reserve and settle. */
    private final com.github.benmanes.caffeine.cache.Cache<String, String> redisKeys = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(100_000).build();

    /** A settlement that Redis may not have run. */
    private record Unsettled(String reservationId, List<Charge> charges, long[] costs) {
    }

    RedisCounters(RedisLink redis, SpentSince spentSince, long deadlineMillis) {
        this.redis = redis;
        this.spentSince = spentSince;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public Shortfall reserve(String reservationId, List<Charge> charges) {
        return reserveTelling(reservationId, charges).shortfall();
    }

    /** What a reservation came to: the budget that could not take its charge, or (all taken) what each budget has left after it. */
    record Reserved(Shortfall shortfall, long[] remaining) {
    }

    /** {@link #reserve}, telling also what each budget has left once the charges are taken (for {@link LeasedCounters}' lease sizes). */
    Reserved reserveTelling(String reservationId, List<Charge> charges) {
        var result = run(reservationId, charges, false);
        if (result.get(0) == -1) {
            charges.forEach(c -> seeded.remove(c.budget().key()));
            result = run(reservationId, charges, true);
        }
        if (result.get(0) != 1) {
            return new Reserved(new Shortfall(charges.get(result.get(1).intValue() - 1), result.get(2)), null);
        }
        var remaining = new long[charges.size()];
        for (var i = 0; i < remaining.length; i++) {
            remaining[i] = result.size() > 3 + i ? result.get(3 + i) : 0;
        }
        return new Reserved(null, remaining);
    }

    private List<Long> run(String reservationId, List<Charge> charges, boolean seedAll) {
        var now = System.currentTimeMillis();
        var args = new ArrayList<String>(List.of(Long.toString(now), field(reservationId), Long.toString(now + deadlineMillis),
                redis.key("instance:")));
        for (var charge : charges) {
            var key = charge.budget().key();
            var raised = raise.contains(key);
            var seed = seedAll || raised || !seeded.contains(key) ? spentSince.spent(charge.budget()) : -1;
            args.addAll(List.of(Long.toString(charge.budget().limitNanos()), Long.toString(charge.amount()), Long.toString(seed),
                    raised ? "1" : "0"));
        }
        List<Long> result = redis.run(RESERVE, ScriptOutputType.MULTI, keys(charges), args.toArray(String[]::new));
        charges.forEach(c -> seeded.add(c.budget().key()));
        charges.forEach(c -> raise.remove(c.budget().key()));
        return result;
    }

    @Override
    public void settle(String reservationId, List<Charge> charges, long[] costs) {
        List<Long> settled = redis.run(SETTLE, ScriptOutputType.MULTI, keys(charges), settleArgs(reservationId, charges, costs));
        raiseWhereNotHeld(charges, settled);
    }

    /**
     * {@link #settle} without waiting: nothing waits for a settlement, and every later command of this instance sees it
     * (they follow it on one connection). The stage fails when Redis did not answer (it may have run it).
     */
    CompletionStage<?> settleLater(String reservationId, List<Charge> charges, long[] costs) {
        return redis.<List<Long>>runLater(SETTLE, ScriptOutputType.MULTI, keys(charges), settleArgs(reservationId, charges, costs))
                .thenAccept(settled -> raiseWhereNotHeld(charges, settled));
    }

    /** Lowers what reservation {@code reservationId} holds on {@code budget} to {@code amount}, without waiting (a failure leaves it holding more: never less than needed). */
    CompletionStage<?> shrinkLater(String reservationId, Budget budget, long amount) {
        return redis.runLater(SHRINK, ScriptOutputType.INTEGER, new String[]{key(budget)}, field(reservationId), Long.toString(amount));
    }

    /** Whether Redis is reachable now (see {@link RedisLink#connected}). */
    boolean connected() {
        return redis.connected();
    }

    private void raiseWhereNotHeld(List<Charge> charges, List<Long> settled) {
        for (var i = 0; i < settled.size(); i++) {
            if (settled.get(i) == 0) {
                raise.add(charges.get(i).budget().key());
            }
        }
    }

    private String[] settleArgs(String reservationId, List<Charge> charges, long[] costs) {
        var args = new ArrayList<String>(List.of(field(reservationId)));
        for (var i = 0; i < costs.length; i++) {
            args.add(Long.toString(ttl(charges.get(i).budget())));
            args.add(Long.toString(costs[i]));
        }
        return args.toArray(String[]::new);
    }

    @Override
    public Used used(Budget budget) {
        List<Long> held = redis.run(USED, ScriptOutputType.MULTI, new String[]{key(budget)}, Long.toString(System.currentTimeMillis()),
                redis.key("instance:"));
        return held.get(0) == 0 ? new Used(spentSince.spent(budget), 0) : new Used(held.get(1), held.get(2));
    }

    /** Spending settled elsewhere while Redis was gone (or failed to take it): added to Redis's counters at the next {@link #flush}. */
    void missed(List<Charge> charges, long[] costs) {
        for (var i = 0; i < costs.length; i++) {
            if (costs[i] != 0) {
                missed.merge(key(charges.get(i).budget()), costs[i], Long::sum);
            }
        }
    }

    /** A settlement that failed in Redis (it may have run): run again at the next {@link #flush}, where it did not run. */
    void unsettled(String reservationId, List<Charge> charges, long[] costs) {
        unsettled.add(new Unsettled(reservationId, charges, costs));
    }

    /** Whether some missed spending or settlement waits for Redis. */
    boolean missing() {
        return !missed.isEmpty() || !unsettled.isEmpty();
    }

    /** Adds the missed spending to Redis's counters and runs the unsettled settlements again, each once. */
    void flush() {
        addMissed();
        for (var next = unsettled.poll(); next != null; next = unsettled.poll()) {
            try {
                settle(next.reservationId(), next.charges(), next.costs());
            } catch (RuntimeException e) {
                unsettled.add(next);
                throw e;
            }
        }
    }

    /** Adds the missed spending to Redis's counters, each amount once; what Redis did not take waits for the next flush. */
    private void addMissed() {
        for (var key : List.copyOf(missed.keySet())) {
            var amount = missed.remove(key);
            if (amount == null) {
                continue;
            }
            try {
                redis.run(ADD, ScriptOutputType.INTEGER, new String[]{key}, Long.toString(amount));
            } catch (RuntimeException e) {
                missed.merge(key, amount, Long::sum);
                throw e;
            }
        }
    }

    private String[] keys(List<Charge> charges) {
        var keys = new String[charges.size()];
        for (var i = 0; i < keys.length; i++) {
            keys[i] = key(charges.get(i).budget());
        }
        return keys;
    }

    private String key(Budget budget) {
        return redisKeys.get(budget.key(), k -> redis.key("budget:" + k));
    }

    private String field(String reservationId) {
        return "r:" + redis.instanceId() + ":" + reservationId;
    }

    /** How long a counter outlives its period (a day past it; credits a month past their last use). */
    private static long ttl(Budget budget) {
        var end = budget.resetsAt() == null ? System.currentTimeMillis() + Duration.ofDays(30).toMillis() : budget.resetsAt().toEpochMilli();
        return Math.max(Duration.ofDays(1).toMillis(), end - System.currentTimeMillis() + Duration.ofDays(1).toMillis());
    }
}
