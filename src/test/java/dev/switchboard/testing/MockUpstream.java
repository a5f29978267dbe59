package dev.switchboard.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider stand-in on 127.0.0.1: routes by method and path, records every request it receives, and lets a test
 * answer with JSON, an error, or a server-sent event stream (which it can also cut off mid-way).
 */
public final class MockUpstream implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** An element of an {@code sse} list that writes nothing and waits 100 ms: for streams that arrive slowly. */
    public static final String PAUSE = "\u0000pause";

    /** An element of an {@code sse} list that writes nothing and waits {@code millis}: a stream that stalls. */
    public static String stall(long millis) {
        return "\u0000stall:" + millis;
    }

    private final HttpServer server;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    private MockUpstream(HttpServer server) {
        this.server = server;
    }

    public static MockUpstream start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            var mock = new MockUpstream(server);
            server.createContext("/", mock::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return mock;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose path starts with {@code pathPrefix}; the last route registered for a prefix wins. */
    public MockUpstream on(String method, String pathPrefix, Responder responder) {
        routes.put(method + " " + pathPrefix, responder);
        return this;
    }

    /**
     * Answers with {@code responder} until the returned handle is closed, then as before: for a test that needs one
     * unusual answer from a mock that other tests share.
     */
    public AutoCloseable override(String method, String pathPrefix, Responder responder) {
        var key = method + " " + pathPrefix;
        var previous = routes.put(key, responder);
        return () -> {
            if (previous == null) {
                routes.remove(key);
            } else {
                routes.put(key, previous);
            }
        };
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the mock upstream received no request");
        }
        return requests.getLast();
    }

    public void reset() {
        requests.clear();
        faults.clear();
        closedByClient.set(0);
        clientPorts.clear();
    }

    /**
     * Over how many connections the requests since the last {@link #reset()} came: the client's ports that it saw (the
     * gateway's pool reuses a kept-alive connection, or opens a new one from a new port).
     */
    public int connections() {
        return clientPorts.size();
    }

    /**
     * The next requests (one each, in order) meet these faults instead of the route's answer (a {@link Fault.Delay}
     * answers as usual after it): whatever the provider, a 5xx or a 429 is a provider's bad minute.
     */
    public MockUpstream failNext(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** How many answers could not be written because the client (the gateway) had closed the connection. */
    public int closedByClient() {
        return closedByClient.get();
    }

    /** A one-shot fault that a request meets instead of its answer. */
    public sealed interface Fault {

        /** An error status with this JSON body and headers (e.g. {@code retry-after}). */
        record Status(int status, Map<String, String> headers, String json) implements Fault {
        }

        /** The connection drops before any byte of the answer's body: a reset as the client sees it. */
        record Reset() implements Fault {
        }

        /** Waits this long, then answers as usual: a slow first byte. */
        record Delay(long millis) implements Fault {
        }

        static Fault status(int status, String json) {
            return new Status(status, Map.of(), json);
        }
    }

    public static Fault status(int status) {
        return new Fault.Status(status, Map.of(), "{\"error\":{\"message\":\"injected " + status + "\",\"type\":\"server_error\"}}");
    }

    public static Fault status(int status, String json) {
        return Fault.status(status, json);
    }

    public static Fault rateLimited(String retryAfter) {
        var headers = retryAfter == null ? Map.<String, String>of() : Map.of("retry-after", retryAfter);
        return new Fault.Status(429, headers, "{\"error\":{\"message\":\"injected rate limit\",\"type\":\"rate_limit_error\"}}");
    }

    public static Fault connectionReset() {
        return new Fault.Reset();
    }

    public static Fault delay(long millis) {
        return new Fault.Delay(millis);
    }

    /** Answers the fault; false when the request is to be answered as usual after it. */
    private static boolean injected(Fault fault, HttpExchange exchange) throws IOException {
        switch (fault) {
            case Fault.Status(var status, var headers, var json) -> new Reply(exchange).status(status, headers, json);
            case Fault.Reset reset -> {
                exchange.sendResponseHeaders(200, 1000); // announces a body, then closes: the connection broke
                exchange.getResponseBody().close();
            }
            case Fault.Delay(var millis) -> {
                Reply.sleep(millis);
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var path = exchange.getRequestURI().getPath();
            var query = exchange.getRequestURI().getRawQuery();
            var recorded = new Recorded(exchange.getRequestMethod(), path, query, exchange.getRequestHeaders(), body);
            requests.add(recorded);
            clientPorts.add(exchange.getRemoteAddress().getPort());
            var responder = routes.entrySet().stream()
                    .filter(e -> (exchange.getRequestMethod() + " " + path).startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue)
                    .orElse(null);
            var fault = faults.poll();
            if (fault != null && injected(fault, exchange)) {
                return;
            }
            if (responder == null) {
                new Reply(exchange).json(404, "{\"error\":{\"message\":\"no route in mock\",\"type\":\"not_found\"}}");
                return;
            }
            try {
                responder.respond(recorded, new Reply(exchange));
            } catch (IOException e) {
                closedByClient.incrementAndGet();
                throw e;
            }
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(Recorded request, Reply reply) throws IOException;
    }

    /** One received request. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** Ways to answer. */
    public static final class Reply {

        private final HttpExchange exchange;

        Reply(HttpExchange exchange) {
            this.exchange = exchange;
        }

        public void json(int status, String json) throws IOException {
            var bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        public void status(int status, Map<String, String> headers, String json) throws IOException {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            json(status, json);
        }

        /**
         * Writes each string as it is (callers frame the events), flushing each. With {@code breakAfter} smaller than
         * the number of events, it announces the full length but closes the connection after that many events: the
         * client sees the stream break, as when a provider's connection drops.
         */
        public void sse(List<String> rawEvents, int breakAfter) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            var broken = breakAfter < rawEvents.size();
            var total = rawEvents.stream().mapToLong(e -> e.getBytes(StandardCharsets.UTF_8).length).sum();
            exchange.sendResponseHeaders(200, broken ? total : 0);
            OutputStream out = exchange.getResponseBody();
            for (var i = 0; i < Math.min(breakAfter, rawEvents.size()); i++) {
                if (rawEvents.get(i).equals(PAUSE)) {
                    pause();
                    continue;
                }
                if (rawEvents.get(i).startsWith("\u0000stall:")) {
                    sleep(Long.parseLong(rawEvents.get(i).substring(7)));
                    continue;
                }
                out.write(rawEvents.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }

        public void sse(List<String> rawEvents) throws IOException {
            sse(rawEvents, Integer.MAX_VALUE);
        }

        /** Starts an event stream and hands its body to the caller, to write and flush at its own pace. */
        public OutputStream startSse() throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            return exchange.getResponseBody();
        }

        private static void pause() {
            sleep(100);
        }

        public static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
