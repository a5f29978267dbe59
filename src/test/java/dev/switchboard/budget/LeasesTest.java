package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Budgets and rate limits in Redis taken in slices ({@link LeasedCounters}, {@link LeasedBuckets}): most calls need no
 * round trip; two instances (two lease tables on one Redis) never spend the same money or tokens, however many calls run
 * at once; and once their slices are given back, every last nano-dollar and token of the limit can be used, no more.
 */
class LeasesTest extends BudgetTestSupport {

    static final String PREFIX = "switchboard-test-" + UUID.randomUUID() + ":";

    @Autowired
    RedisLink redis;
    @Autowired
    SpentSince spentSince;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("switchboard.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("switchboard.redis.prefix", () -> PREFIX);
    }

    @Test
    void shouldTakeMostCallsFromTheSliceWithoutARoundTripAndSettleEveryCallExactly() {
        var counters = new RedisCounters(redis, spentSince, 60_000);
        var leased = new LeasedCounters(counters, counters::settle, new MemoryCounters(spentSince), false, "one-");
        var budget = budget(1_000_000_000L); // 100,000 calls of CALL

        for (var i = 0; i < 640; i++) {
            var id = "call-" + i;
            var charges = List.of(new Counters.Charge(budget, CALL));
            assertThat(leased.reserve(id, charges)).isNull();
            leased.settle(id, charges, new long[]{CALL - 1});
        }

        assertThat(leased.leasesTaken()).as("a slice holds up to 64 calls (and serves for a second)").isLessThanOrEqualTo(20);
        assertThat(leased.used(budget)).as("read here: exact while the slice is open").isEqualTo(new Counters.Used(640 * (CALL - 1), 0));
        leased.retireOld(true);
        assertThat(counters.used(budget)).as("in Redis once the slice is retired").isEqualTo(new Counters.Used(640 * (CALL - 1), 0));
    }

    @Test
    void shouldGrowABusyBudgetsSlicesSoThatItsRoundTripsStayRare() {
        var counters = new RedisCounters(redis, spentSince, 60_000);
        var leased = new LeasedCounters(counters, counters::settle, new MemoryCounters(spentSince), false, "busy-");
        var budget = budget(1_000_000_000L); // 100,000 calls of CALL: an eighth of it is more than the largest slice

        for (var i = 0; i < 20_000; i++) {
            var id = "call-" + i;
            var charges = List.of(new Counters.Charge(budget, CALL));
            assertThat(leased.reserve(id, charges)).isNull();
            leased.settle(id, charges, new long[]{CALL});
        }

        assertThat(leased.leasesTaken()).as("64, 128, ... 2,048 calls a slice: 14 slices (313 at 64 calls each), a few more if one aged out")
                .isBetween(14L, 30L);
        leased.retireOld(true);
        assertThat(counters.used(budget)).isEqualTo(new Counters.Used(20_000 * CALL, 0));
    }

    @Test
    void shouldNeverLetTwoInstancesSpendTheSameMoneyAndLoseNoneOfIt() throws Exception {
        var counters = new RedisCounters(redis, spentSince, 60_000);
        var first = new LeasedCounters(counters, counters::settle, new MemoryCounters(spentSince), false, "a-");
        var second = new LeasedCounters(counters, counters::settle, new MemoryCounters(spentSince), false, "b-");
        var budget = budget(1_000 * CALL);
        var served = new AtomicLong();

        spendUntilRefused(List.of(first, second), budget, served);
        assertThat(served.get()).as("never more than the budget holds").isLessThanOrEqualTo(1_000);
        for (var round = 0; round < 10 && served.get() < 1_000; round++) { // what the other's slice held when one was refused is free again
            first.retireOld(true);
            second.retireOld(true);
            spendUntilRefused(List.of(first, second), budget, served);
        }

        assertThat(served.get()).isEqualTo(1_000);
        first.retireOld(true);
        second.retireOld(true);
        assertThat(counters.used(budget)).isEqualTo(new Counters.Used(1_000 * CALL, 0));
    }

    @Test
    void shouldNeverLetTwoInstancesTakeTheSameTokensAndLoseNoneOfThem() throws Exception {
        var buckets = new RedisBuckets(redis);
        var first = new LeasedBuckets(buckets);
        var second = new LeasedBuckets(buckets);
        var key = buckets.key("leases-test:" + UUID.randomUUID() + ":rpm:6000");
        var now = START.toEpochMilli(); // the clock stands still: no refill
        var taken = new AtomicLong();

        takeUntilRefused(List.of(first, second), key, now, taken);
        assertThat(taken.get()).as("never more than the bucket holds").isLessThanOrEqualTo(6_000);
        for (var round = 0; round < 10 && taken.get() < 6_000; round++) {
            first.giveBackOld(now, true);
            second.giveBackOld(now, true);
            takeUntilRefused(List.of(first, second), key, now, taken);
        }

        assertThat(taken.get()).isEqualTo(6_000);
    }

    private static void spendUntilRefused(List<LeasedCounters> instances, Budget budget, AtomicLong served) throws Exception {
        var sequence = new AtomicLong();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (var t = 0; t < 32; t++) {
                var instance = instances.get(t % instances.size());
                done.add(threads.submit(() -> {
                    var charges = List.of(new Counters.Charge(budget, CALL));
                    while (true) {
                        var id = "c" + sequence.incrementAndGet();
                        if (instance.reserve(id, charges) != null) {
                            return null;
                        }
                        served.incrementAndGet();
                        instance.settle(id, charges, new long[]{CALL});
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
    }

    private static void takeUntilRefused(List<LeasedBuckets> instances, String key, long now, AtomicLong taken) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (var t = 0; t < 32; t++) {
                var instance = instances.get(t % instances.size());
                done.add(threads.submit(() -> {
                    while (instance.take(now, List.of(new RedisBuckets.Ask(key, 6_000, 1))).refused() < 0) {
                        taken.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
    }

    private static Budget budget(long limit) {
        return new Budget(Budget.Kind.CLIENT_DAILY, "leases-" + UUID.randomUUID(), "test", "d:2026-12-01", limit, START.minusSeconds(3600), null);
    }
}
