package dev.switchboard.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.ScriptOutputType;

/**
 * Budgets counted in Redis, shared by every instance: one hash per budget and period holding {@code spent} and one field
 * per reservation ({@code r:<instance>:<id>} = {@code amount|deadline}). A Lua script checks every charge and takes
 * them all, or none, atomically; reservations past their deadline or of an instance whose heartbeat expired are dropped
 * as it goes, so a crash leaves nothing reserved for long. A counter starts from the usage log the first time an
 * instance uses it (or after it expired). Amounts are exact in Lua's doubles up to 2^53 nano-USD (about $9 million).
 */
final class RedisCounters implements Counters {

    private static final String RESERVE = """
            local now = tonumber(ARGV[1])
            for i = 1, #KEYS do
              local base = 4 + (i - 1) * 3
              local limit = tonumber(ARGV[base + 1]); local amount = tonumber(ARGV[base + 2]); local seed = tonumber(ARGV[base + 3])
              if redis.call('EXISTS', KEYS[i]) == 0 then
                if seed < 0 then return {-1, i, 0} end
                redis.call('HSET', KEYS[i], 'spent', ARGV[base + 3])
              end
              local reserved = 0
              local fields = redis.call('HGETALL', KEYS[i])
              local spent = 0
              for j = 1, #fields, 2 do
                local f = fields[j]
                if f == 'spent' then
                  spent = tonumber(fields[j + 1])
                elseif string.sub(f, 1, 2) == 'r:' then
                  local v = fields[j + 1]
                  local sep = string.find(v, '|', 1, true)
                  local instance = string.match(f, '^r:([^:]+):')
                  if tonumber(string.sub(v, sep + 1)) < now or redis.call('EXISTS', ARGV[4] .. instance) == 0 then
                    redis.call('HDEL', KEYS[i], f)
                  else
                    reserved = reserved + tonumber(string.sub(v, 1, sep - 1))
                  end
                end
              end
              if spent + reserved + amount > limit then return {0, i, math.max(0, limit - spent - reserved)} end
            end
            for i = 1, #KEYS do
              local base = 4 + (i - 1) * 3
              redis.call('HSET', KEYS[i], ARGV[2], ARGV[base + 2] .. '|' .. ARGV[3])
            end
            return {1, 0, 0}""";
    private static final String SETTLE = """
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 then
                redis.call('HDEL', KEYS[i], ARGV[1])
                redis.call('HINCRBY', KEYS[i], 'spent', ARGV[i * 2 + 1])
                redis.call('PEXPIRE', KEYS[i], ARGV[i * 2])
              end
            end
            return 1""";

    private final RedisLink redis;
    private final SpentSince spentSince;
    private final long deadlineMillis;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    RedisCounters(RedisLink redis, SpentSince spentSince, long deadlineMillis) {
        this.redis = redis;
        this.spentSince = spentSince;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public Shortfall reserve(String reservationId, List<Charge> charges) {
        var result = run(reservationId, charges, false);
        if (result.get(0) == -1) {
            charges.forEach(c -> seeded.remove(c.budget().key()));
            result = run(reservationId, charges, true);
        }
        if (result.get(0) == 1) {
            return null;
        }
        return new Shortfall(charges.get(result.get(1).intValue() - 1), result.get(2));
    }

    private List<Long> run(String reservationId, List<Charge> charges, boolean seedAll) {
        var now = System.currentTimeMillis();
        var keys = charges.stream().map(c -> redis.key("budget:" + c.budget().key())).toArray(String[]::new);
        var args = new ArrayList<String>(List.of(Long.toString(now), field(reservationId), Long.toString(now + deadlineMillis),
                redis.key("instance:")));
        for (var charge : charges) {
            var key = charge.budget().key();
            var seed = seedAll || !seeded.contains(key) ? spentSince.spent(charge.budget()) : -1;
            args.addAll(List.of(Long.toString(charge.budget().limitNanos()), Long.toString(charge.amount()), Long.toString(seed)));
        }
        List<Long> result = redis.strings().sync().eval(RESERVE, ScriptOutputType.MULTI, keys, args.toArray(String[]::new));
        charges.forEach(c -> seeded.add(c.budget().key()));
        return result;
    }

    @Override
    public void settle(String reservationId, List<Charge> charges, long[] costs) {
        var keys = charges.stream().map(c -> redis.key("budget:" + c.budget().key())).toArray(String[]::new);
        var args = new ArrayList<String>(List.of(field(reservationId)));
        for (var i = 0; i < costs.length; i++) {
            args.add(Long.toString(ttl(charges.get(i).budget())));
            args.add(Long.toString(costs[i]));
        }
        redis.strings().sync().eval(SETTLE, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new));
    }

    @Override
    public Used used(Budget budget) {
        var fields = redis.strings().sync().hgetall(redis.key("budget:" + budget.key()));
        if (fields.isEmpty()) {
            return new Used(spentSince.spent(budget), 0);
        }
        var reserved = fields.entrySet().stream().filter(e -> e.getKey().startsWith("r:"))
                .mapToLong(e -> Long.parseLong(e.getValue().substring(0, e.getValue().indexOf('|')))).sum();
        return new Used(Long.parseLong(fields.getOrDefault("spent", "0")), reserved);
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
