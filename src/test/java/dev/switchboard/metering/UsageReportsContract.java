package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import dev.switchboard.testing.MutableClock;
import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The usage reports end to end: hundreds of random records written through the usage log across hour, day and month
 * boundaries in India's +05:30 zone (a day that no sum of UTC hours makes), on a clock the tests move. Every report row
 * equals the sum of its records' exact costs, before and after the old records are pruned; CSV says the same; bad
 * parameters are 400s naming them; users get 403. The records live in 2031, where no other test's clock goes, and the
 * background pruner is held off so that only these tests prune.
 */
@Import(UsageReportsContract.Clocked.class)
@TestPropertySource(properties = {"switchboard.billing.time-zone=Asia/Kolkata", "switchboard.usage.prune-period=3650d",
        "switchboard.usage.prune-initial-delay=3650d"})
abstract class UsageReportsContract extends PeopleTestSupport {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final Instant NOW = ZonedDateTime.of(2031, 3, 15, 17, 30, 0, 0, KOLKATA).toInstant();
    static final Instant FIRST = ZonedDateTime.of(2031, 1, 5, 0, 0, 0, 0, KOLKATA).toInstant();
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final String[][] SERVED = {{"openai", "gpt-4o-mini"}, {"openai", "gpt-4o"}, {"anthropic", "claude-haiku-4-5"}};
    static final String[][] CREDENTIALS = {{"pool", "pk-1"}, {"pool", "pk-2"}, {"env", "OPENAI_API_KEY"}, {"user", "uk-1"}};

    @TestConfiguration
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    UsageLog usageLog;

    @Autowired
    UsageRetention retention;

    private final List<UsageRecord> written = new ArrayList<>();

    @BeforeEach
    void aFreshYear() {
        CLOCK.set(NOW);
        var since = Instant.parse("2030-06-01T00:00:00Z").toEpochMilli();
        jdbc.sql("DELETE FROM usage_records WHERE created_at >= ?").param(since).update();
        jdbc.sql("DELETE FROM usage_rollups WHERE bucket >= ?").param(since).update();
    }

    @Test
    void shouldEqualTheSumOfItsRecordsForEveryGroupingAndRange() {
        write(600, 1);

        for (var range : List.of(new String[]{"2031-01-01", "2031-03-15"}, new String[]{"2031-01-20", "2031-02-10"},
                new String[]{"2031-02-01", "2031-02-28"})) {
            for (var group : List.of("user", "model", "provider", "key", "gateway_key", "client", "day", "hour")) {
                assertReportMatches(group, LocalDate.parse(range[0]), LocalDate.parse(range[1]));
            }
        }
        var all = json(adminGet("/api/admin/billing/usage?from=2031-01-01&to=2031-03-15&group_by=model"));
        assertThat(all.path("total").path("total_requests").asLong()).isEqualTo(600);
        assertThat(all.path("total").path("total_cost_usd").decimalValue()).isEqualByComparingTo(usd(sumCost(r -> true)));
        assertThat(all.path("time_zone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(rollupCost("h")).isEqualTo(rawCost()).isEqualTo(rollupCost("d")).isEqualTo(rollupCost("m"));
    }

    @Test
    void shouldKeepEveryReportAndTotalAfterTheOldRecordsArePruned() throws Exception {
        write(500, 2);
        var paths = List.of("/api/admin/billing/usage?from=2031-01-01&to=2031-03-15&group_by=key",
                "/api/admin/billing/usage?from=2031-01-01&to=2031-03-15&group_by=day",
                "/api/admin/billing/usage?from=2031-01-01&to=2031-03-15&group_by=hour",
                "/api/admin/billing/costs?from=2031-01-01&to=2031-03-15&granularity=month",
                "/api/admin/billing/costs?from=2031-01-01&to=2031-03-15&granularity=day");
        var before = paths.stream().map(p -> adminGet(p).body()).toList();
        var rawBefore = rawCost();

        CLOCK.set(ZonedDateTime.of(2031, 5, 1, 12, 0, 0, 0, KOLKATA).toInstant());
        var pruned = retention.pruneNow();

        var cutoff = retention.cutoff();
        var expectedGone = written.stream().filter(r -> r.createdAtMillis() < cutoff).count();
        assertThat(pruned).isGreaterThanOrEqualTo(expectedGone).isGreaterThan(100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE created_at >= ?").param(FIRST.toEpochMilli()).query(Long.class).single())
                .isEqualTo(written.size() - expectedGone);
        assertThat(rawCost()).isLessThan(rawBefore);
        assertThat(paths.stream().map(p -> adminGet(p).body()).toList()).isEqualTo(before);
        assertThat(rollupCost("m")).isEqualTo(rawBefore).isEqualTo(sumCost(r -> true));
        assertReportMatches("user", LocalDate.parse("2031-01-01"), LocalDate.parse("2031-03-15"));
    }

    @Test
    void shouldKeepTheRecordsThatDebitedCreditsWhenPruning() throws Exception {
        var at = ZonedDateTime.of(2031, 1, 2, 12, 0, 0, 0, KOLKATA).toInstant();
        var debit = new UsageRecord(UUID.randomUUID().toString(), at.toEpochMilli(),
                new UsageRecord.Call("req", "chat.completions", false, "user-credits", null, null),
                new UsageRecord.ServedBy("openai", "gpt-4o-mini", "gpt-4o-mini", "env", "OPENAI_API_KEY"),
                new UsageRecord.Result(Outcome.OK, 200, null, new Usage(10, 5, 0), Money.ofNanos(1_000), 5, Money.ofNanos(2_500)));
        var free = record(at, "user-credits", "gpt-4o-mini", 1_000, true);
        usageLog.record(debit).join();
        usageLog.record(free).join();

        CLOCK.set(ZonedDateTime.of(2031, 6, 1, 12, 0, 0, 0, KOLKATA).toInstant());
        retention.pruneNow();

        // a member's balance is grants minus these debits: they are the credits ledger, kept like the grants
        assertThat(jdbc.sql("SELECT id FROM usage_records WHERE user_id = 'user-credits'").query(String.class).list())
                .containsExactly(debit.id());
    }

    @Test
    void shouldCountCostsPerMonthDayAndHourInTheBillingZone() {
        write(300, 3);

        var months = json(adminGet("/api/admin/billing/costs?from=2031-01-10&to=2031-03-15&granularity=month"));
        assertThat(months.path("from").asString()).isEqualTo("2031-01-01");
        assertThat(months.path("to").asString()).isEqualTo("2031-03-31");
        var expected = group(r -> YearMonth.from(local(r)).toString(), r -> true);
        assertRows(months, "period", expected);
        var days = json(adminGet("/api/admin/billing/costs?days=10&granularity=day"));
        assertThat(days.path("from").asString()).isEqualTo("2031-03-06");
        assertRows(days, "period", group(r -> local(r).toString(), r -> !local(r).isBefore(LocalDate.parse("2031-03-06"))));
        var hours = json(adminGet("/api/admin/billing/costs?granularity=hour"));
        var todayStartHour = Math.floorDiv(LocalDate.parse("2031-03-15").atStartOfDay(KOLKATA).toInstant().toEpochMilli(), 3_600_000L) * 3_600_000L;
        assertRows(hours, "period", group(r -> hourOf(r).toString(), r -> r.createdAtMillis() >= todayStartHour));
    }

    @Test
    void shouldServeMyUsageFromTheRollupsAsBefore() {
        var user = newUser();
        var records = new ArrayList<UsageRecord>();
        var at = ZonedDateTime.of(2031, 3, 14, 23, 50, 0, 0, KOLKATA).toInstant();
        records.add(record(at, user.id(), "gpt-4o", 7_500_000, true));
        records.add(record(at.plusSeconds(20 * 60), user.id(), "gpt-4o-mini", 7_800, true));
        records.add(record(at.plusSeconds(30 * 60), user.id(), "gpt-4o-mini", 1, false));
        records.add(record(at.minusSeconds(40L * 86_400), user.id(), "gpt-4o", 5, true));
        records.forEach(usageLog::recordAndWait);

        var mine = json(get("/api/billing/usage/my-usage?days=2", "Authorization", bearer(user)));

        assertThat(mine.path("total_requests").asLong()).isEqualTo(3);
        assertThat(mine.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.007507801");
        assertThat(mine.path("since").asString()).isEqualTo(LocalDate.parse("2031-03-14").atStartOfDay(KOLKATA).toInstant().toString());
        assertThat(mine.path("by_model").get(0).path("model").asString()).isEqualTo("gpt-4o");
        assertThat(mine.path("by_model").get(1).path("requests").asLong()).isEqualTo(2);
        assertThat(mine.path("by_day")).hasSize(2);
        assertThat(mine.path("by_day").get(0).path("date").asString()).isEqualTo("2031-03-14");
        assertThat(mine.path("by_day").get(1).path("cost_usd").decimalValue()).isEqualByComparingTo(usd(7_801));
        assertThat(json(get("/api/billing/usage/my-usage?days=60", "Authorization", bearer(user))).path("total_requests").asLong()).isEqualTo(4);
    }

    @Test
    void shouldAnswerInCsvWhenAsked() {
        write(120, 4);

        var response = get("/api/admin/billing/usage?from=2031-01-01&to=2031-03-15&group_by=key", "Authorization", ADMIN, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        var lines = response.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("credential_kind,credential_id,total_requests,successful_requests,total_input_tokens,"
                + "total_output_tokens,total_cost_usd");
        var expected = group(r -> r.servedBy().credentialKind() + "," + r.servedBy().credentialId(), r -> true);
        assertThat(lines).hasSize(expected.size() + 2);
        var i = 1;
        for (var entry : expected.entrySet()) {
            var t = entry.getValue();
            assertThat(lines[i++]).isEqualTo(entry.getKey() + "," + t.requests + "," + t.successes + "," + t.in + "," + t.out + ","
                    + usd(t.cost).toPlainString());
        }
        assertThat(lines[i]).isEqualTo("total,," + written.size() + "," + written.stream().filter(r -> r.result().outcome() == Outcome.OK).count()
                + "," + written.stream().mapToLong(r -> r.result().usage().inputTokens()).sum() + ","
                + written.stream().mapToLong(r -> r.result().usage().outputTokens()).sum() + "," + usd(sumCost(r -> true)).toPlainString());
        var costs = get("/api/admin/billing/costs?granularity=month&days=100", "Authorization", ADMIN, "Accept", "text/csv");
        assertThat(costs.body()).startsWith("period,total_requests,").contains("\r\n2031-01,").contains("\r\ntotal,");
    }

    @Test
    void shouldRefuseBadParametersNamingThem() {
        var cases = Map.of(
                "/api/admin/billing/usage?days=0", "days",
                "/api/admin/billing/usage?days=100000", "days",
                "/api/admin/billing/usage?days=abc", "days",
                "/api/admin/billing/usage?from=2031-03-10&to=2031-03-01", "from",
                "/api/admin/billing/usage?from=yesterday", "from",
                "/api/admin/billing/usage?group_by=colour", "group_by",
                "/api/admin/billing/usage?group_by=hour&days=200", "days",
                "/api/admin/billing/costs?granularity=week", "granularity",
                "/api/admin/billing/costs?to=2031-13-01", "to",
                "/api/admin/billing/costs?days=5&from=2031-01-01", "days");
        cases.forEach((path, field) -> {
            var response = adminGet(path);
            assertProblem(response, 400);
            assertThat(json(response).path("detail").asString()).as(path).contains("'" + field + "'");
        });
        var csvCaller = get("/api/admin/billing/usage?days=0", "Authorization", ADMIN, "Accept", "text/csv");
        assertThat(csvCaller.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseUsers() {
        var userToken = tokenOf(createPerson("user"));

        for (var path : List.of("/api/admin/billing/usage", "/api/admin/billing/costs?granularity=month")) {
            assertProblem(get(path, "Authorization", userToken), 403);
            assertThat(get(path).statusCode()).isEqualTo(401);
        }
    }

    // ---- the records and what they should add up to

    private void write(int count, long seed) {
        var random = new Random(seed);
        var span = NOW.toEpochMilli() - FIRST.toEpochMilli();
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (var i = 0; i < count; i++) {
            var at = Instant.ofEpochMilli(FIRST.toEpochMilli() + (long) (random.nextDouble() * span));
            var served = SERVED[random.nextInt(SERVED.length)];
            var credential = CREDENTIALS[random.nextInt(CREDENTIALS.length)];
            var client = random.nextInt(3) == 0 ? null : "client-" + random.nextInt(2);
            var r = new UsageRecord(UUID.randomUUID().toString(), at.toEpochMilli(),
                    new UsageRecord.Call("req", "chat.completions", false, "user-" + random.nextInt(3), "gk-" + random.nextInt(4), client),
                    new UsageRecord.ServedBy(served[0], served[1], served[1], credential[0], credential[1]),
                    new UsageRecord.Result(random.nextInt(5) == 0 ? Outcome.ERROR : Outcome.OK, 200, null,
                            new Usage(random.nextInt(5_000), random.nextInt(2_000), 0), Money.ofNanos(random.nextLong(10_000_000_000L)), 5));
            written.add(r);
            futures.add(usageLog.record(r));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    private static UsageRecord record(Instant at, String userId, String model, long cost, boolean ok) {
        return new UsageRecord(UUID.randomUUID().toString(), at.toEpochMilli(), new UsageRecord.Call("req", "chat.completions", false, userId, null, null),
                new UsageRecord.ServedBy("openai", model, model, "env", "OPENAI_API_KEY"),
                new UsageRecord.Result(ok ? Outcome.OK : Outcome.ERROR, 200, null, new Usage(10, 5, 0), Money.ofNanos(cost), 5));
    }

    private void assertReportMatches(String group, LocalDate from, LocalDate to) {
        var body = json(adminGet("/api/admin/billing/usage?from=" + from + "&to=" + to + "&group_by=" + group));
        var start = from.atStartOfDay(KOLKATA).toInstant().toEpochMilli();
        var end = to.plusDays(1).atStartOfDay(KOLKATA).toInstant().toEpochMilli();
        Predicate<UsageRecord> inRange = group.equals("hour")
                ? r -> hourOf(r).toEpochMilli() >= floorHour(start) && hourOf(r).toEpochMilli() < floorHour(end)
                : r -> r.createdAtMillis() >= start && r.createdAtMillis() < end;
        Function<UsageRecord, String> key = switch (group) {
            case "user" -> r -> r.call().userId();
            case "model" -> r -> r.servedBy().model();
            case "provider" -> r -> r.servedBy().providerId();
            case "key" -> r -> r.servedBy().credentialKind() + "/" + r.servedBy().credentialId();
            case "gateway_key" -> r -> r.call().gatewayKeyId();
            case "client" -> r -> String.valueOf(r.call().clientId());
            case "day" -> r -> local(r).toString();
            default -> r -> hourOf(r).toString();
        };
        var expected = group(key, inRange);
        var actual = new TreeMap<String, JsonNode>();
        for (var row : body.path("rows")) {
            actual.put(switch (group) {
                case "user" -> row.path("user_id").asString();
                case "model" -> row.path("model").asString();
                case "provider" -> row.path("provider").asString();
                case "key" -> row.path("credential_kind").asString() + "/" + row.path("credential_id").asString();
                case "gateway_key" -> row.path("gateway_key_id").asString();
                case "client" -> row.path("client_id").isMissingNode() || row.path("client_id").isNull() ? "null" : row.path("client_id").asString();
                case "day" -> row.path("date").asString();
                default -> row.path("hour").asString();
            }, row);
        }
        assertThat(actual.keySet()).as(group + " " + from + ".." + to).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, t) -> assertTotals(actual.get(k), t, group + " " + k));
        assertTotals(body.path("total"), expected.values().stream().reduce(new Sum(), Sum::plus), group + " total");
    }

    private static void assertRows(JsonNode body, String field, Map<String, Sum> expected) {
        var rows = new TreeMap<String, JsonNode>();
        body.path("rows").forEach(r -> rows.put(r.path(field).asString(), r));
        assertThat(rows.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, t) -> assertTotals(rows.get(k), t, k));
        assertTotals(body.path("total"), expected.values().stream().reduce(new Sum(), Sum::plus), "total");
    }

    private static void assertTotals(JsonNode node, Sum t, String what) {
        assertThat(node.path("total_requests").asLong()).as(what).isEqualTo(t.requests);
        assertThat(node.path("successful_requests").asLong()).as(what).isEqualTo(t.successes);
        assertThat(node.path("total_input_tokens").asLong()).as(what).isEqualTo(t.in);
        assertThat(node.path("total_output_tokens").asLong()).as(what).isEqualTo(t.out);
        assertThat(node.path("total_cost_usd").decimalValue()).as(what).isEqualByComparingTo(usd(t.cost));
    }

    private TreeMap<String, Sum> group(Function<UsageRecord, String> key, Predicate<UsageRecord> filter) {
        var out = new TreeMap<String, Sum>();
        written.stream().filter(filter).forEach(r -> out.computeIfAbsent(key.apply(r), k -> new Sum()).add(r));
        return out;
    }

    private long sumCost(Predicate<UsageRecord> filter) {
        return written.stream().filter(filter).mapToLong(r -> r.result().cost().nanoUsd()).sum();
    }

    private long rawCost() {
        return jdbc.sql("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_records WHERE created_at >= ?").param(FIRST.toEpochMilli())
                .query(Long.class).single();
    }

    private long rollupCost(String grain) {
        return jdbc.sql("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM usage_rollups WHERE grain = ? AND bucket >= ?")
                .params(grain, Instant.parse("2030-06-01T00:00:00Z").toEpochMilli()).query(Long.class).single();
    }

    private static LocalDate local(UsageRecord r) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(r.createdAtMillis()), KOLKATA);
    }

    private static Instant hourOf(UsageRecord r) {
        return Instant.ofEpochMilli(floorHour(r.createdAtMillis()));
    }

    private static long floorHour(long millis) {
        return Math.floorDiv(millis, 3_600_000L) * 3_600_000L;
    }

    private static BigDecimal usd(long nanos) {
        return Money.ofNanos(nanos).toUsd();
    }

    private java.net.http.HttpResponse<String> adminGet(String path) {
        return get(path, "Authorization", ADMIN);
    }

    /** Expected sums, computed here from the records themselves, independently of any SQL. */
    static final class Sum {
        long requests;
        long successes;
        long in;
        long out;
        long cost;

        void add(UsageRecord r) {
            requests++;
            successes += r.result().outcome() == Outcome.OK ? 1 : 0;
            in += r.result().usage().inputTokens();
            out += r.result().usage().outputTokens();
            cost += r.result().cost().nanoUsd();
        }

        Sum plus(Sum o) {
            var s = new Sum();
            s.requests = requests + o.requests;
            s.successes = successes + o.successes;
            s.in = in + o.in;
            s.out = out + o.out;
            s.cost = cost + o.cost;
            return s;
        }
    }
}
