package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.PostgresDatabase;
import dev.switchboard.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stopped and restarted under load: the application reaches it through a proxy that the test cuts for a few
 * seconds while chat calls run concurrently. Calls go on being served (their records queue in memory), {@code /health}
 * says {@code degraded}, and once the database is back every call the client received to its end has exactly one usage
 * record, by its {@code x-request-id}, and {@code /health} is {@code ok} again.
 */
class DatabaseOutageTest extends GatewayTestSupport {

    static final TcpProxy POSTGRES = new TcpProxy(PostgresDatabase.port());
    static final int CLIENTS = 6;

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, POSTGRES);
        // a connection the proxy refuses fails in a second, not Hikari's default 30
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("spring.datasource.hikari.validation-timeout", () -> "500");
    }

    @AfterAll
    static void closeTheProxy() {
        POSTGRES.close();
    }

    @Test
    void shouldServeThroughAnOutageAndRecordEveryServedCallOnceTheDatabaseIsBack() throws Exception {
        var user = newUser();
        assertThat(chat(user, "req-outage-warmup")).isTrue(); // the key and the catalog are cached before the cut
        var served = ConcurrentHashMap.<String>newKeySet();
        served.add("req-outage-warmup");
        var servedDuringCut = new AtomicInteger();
        var cut = new AtomicBoolean();
        var stop = new AtomicBoolean();
        var clients = startClients(user, served, cut, servedDuringCut, stop);

        awaitServed(served, 20);
        POSTGRES.cut();
        cut.set(true);
        var degraded = awaitHealth("degraded", 15);
        var atCut = served.size();
        awaitServed(served, atCut + 20);
        cut.set(false);
        POSTGRES.restore();
        awaitServed(served, served.size() + 20);
        stop.set(true);
        for (var client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(degraded).as("/health during the outage").containsEntry("database", "down");
        assertThat(servedDuringCut.get()).as("calls served while the database was away").isPositive();
        assertThat(awaitHealth("ok", 30)).containsEntry("database", "up");
        assertThat(recordsPerRequest(served)).as("usage records per served request id").allSatisfy((id, count) -> assertThat(count).isEqualTo(1))
                .hasSize(served.size());
    }

    private List<Thread> startClients(TestUser user, Set<String> served, AtomicBoolean cut, AtomicInteger servedDuringCut, AtomicBoolean stop) {
        var threads = new ArrayList<Thread>();
        for (var c = 0; c < CLIENTS; c++) {
            var client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                for (var i = 0; !stop.get(); i++) {
                    var id = "req-outage-" + client + "-" + i;
                    var during = cut.get();
                    if (chat(user, id)) {
                        served.add(id);
                        if (during && cut.get()) {
                            servedDuringCut.incrementAndGet();
                        }
                    }
                }
            }));
        }
        return threads;
    }

    /** One call; true when the client received its answer to the end. */
    private boolean chat(TestUser user, String requestId) {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions"))).timeout(java.time.Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", bearer(user)).header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""")).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && json(response).path("choices").isArray()
                    && response.headers().firstValue("x-request-id").orElse("").equals(requestId);
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitServed(Set<String> served, int count) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (served.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(served.size()).as("calls served").isGreaterThanOrEqualTo(count);
    }

    /** The health's status and database once its status is this one (polled for at most that many seconds). */
    private Map<String, String> awaitHealth(String status, int seconds) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, String> body = Map.of();
        while (System.nanoTime() < deadline) {
            var response = get("/health");
            assertThat(response.statusCode()).isEqualTo(200);
            var json = json(response);
            body = Map.of("status", json.path("status").asString(), "database", json.path("database").asString());
            if (status.equals(body.get("status"))) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/health never said " + status + ": " + body);
    }

    /** The number of usage records of each served request, once all have one (or after 30 s). */
    private Map<String, Integer> recordsPerRequest(Set<String> served) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        var counts = counts(served);
        while (counts.containsValue(0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            counts = counts(served);
        }
        return counts;
    }

    private Map<String, Integer> counts(Set<String> served) {
        var recorded = jdbc.sql("SELECT request_id, COUNT(*) FROM usage_records WHERE request_id LIKE 'req-outage-%' GROUP BY request_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return served.stream().collect(Collectors.toMap(id -> id, id -> recorded.getOrDefault(id, 0)));
    }
}
