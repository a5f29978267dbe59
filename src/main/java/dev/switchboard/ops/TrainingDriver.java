package dev.switchboard.ops;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Drives the gateway's main request paths through its real HTTP port, as clients call them, so that an AOT training
 * run ({@link AotTraining}) loads, links and profiles what serving requests takes (the filter chain, authentication,
 * the pipeline's policies, both wire formats and their translation, the usage log), not only what starting takes.
 * The calls are interleaved, round after round, so that the recorded profiles see the mix a gateway serves. They are
 * sent with Apache HttpClient, the client the gateway calls its providers with: every class a training run loads is
 * in the AOT cache and loaded by every later start, so the run loads no HTTP client the gateway does not use itself
 * (the JDK's would add some hundreds of classes to each start; bench/RESULTS.md, issue 16, session 7).
 */
final class TrainingDriver {

    /** One kind of call: what is sent, and the status that means the gateway served it as it would a client's. */
    record Call(String name, String path, String body, boolean validKey, int expectedStatus) {
    }

    /** How many calls of each kind got their expected status, and the first few that did not. */
    record Result(Map<String, Long> served, List<String> unexpected) {
        boolean ok() {
            return unexpected.isEmpty();
        }
    }

    static final List<Call> CALLS = List.of(
            new Call("openai chat", "/v1/chat/completions", openAi("gpt-4o-mini", false), true, 200),
            new Call("openai chat stream", "/v1/chat/completions", openAi("gpt-4o-mini", true), true, 200),
            new Call("anthropic messages", "/v1/messages", anthropic("claude-haiku-4-5", false), true, 200),
            new Call("anthropic messages stream", "/v1/messages", anthropic("claude-haiku-4-5", true), true, 200),
            new Call("openai chat to anthropic", "/v1/chat/completions", openAi("claude-haiku-4-5", true), true, 200),
            new Call("anthropic messages to openai", "/v1/messages", anthropic("gpt-4o-mini", false), true, 200),
            new Call("refused: unknown key", "/v1/chat/completions", openAi("gpt-4o-mini", false), false, 401),
            new Call("refused: unknown model", "/v1/messages", anthropic("no-such-model", false), true, 404));

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(64).setMaxConnPerRoute(64).build())
            .build();
    private final URI gateway;
    private final String key;

    /** {@code gateway}: the root of the gateway's port; {@code key}: a gateway key allowed to call every model. */
    TrainingDriver(URI gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    /** Sends {@code rounds} of every call, on {@code parallel} connections at once; returns when all are answered. */
    Result drive(int rounds, int parallel) {
        var served = new ConcurrentHashMap<String, AtomicLong>();
        var unexpected = new ConcurrentLinkedQueue<String>();
        var next = new AtomicLong();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var w = 0; w < parallel; w++) {
                workers.execute(() -> {
                    for (var i = next.getAndIncrement(); i < (long) rounds * CALLS.size(); i = next.getAndIncrement()) {
                        var call = CALLS.get((int) (i % CALLS.size()));
                        var outcome = send(call);
                        if (outcome == null) {
                            served.computeIfAbsent(call.name(), n -> new AtomicLong()).incrementAndGet();
                        } else if (unexpected.size() < 10) {
                            unexpected.add(call.name() + ": " + outcome);
                        }
                    }
                });
            }
        }
        return new Result(served.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())),
                List.copyOf(unexpected));
    }

    /** Null when the call got its expected status (its body, a stream's too, read to the end); else what it got. */
    private String send(Call call) {
        var request = new HttpPost(gateway.resolve(call.path()));
        request.setHeader("Authorization", "Bearer " + (call.validKey() ? key : "sk-sb-not-a-key-of-this-gateway-000000"));
        request.setHeader("anthropic-version", "2023-06-01");
        request.setEntity(new StringEntity(call.body(), ContentType.APPLICATION_JSON));
        try {
            return http.execute(request, response -> {
                var body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                return response.getCode() == call.expectedStatus() ? null
                        : "status " + response.getCode() + " " + body.substring(0, Math.min(200, body.length()));
            });
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String openAi(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":\"Hello\"}],\"max_tokens\":64" + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    private static String anthropic(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hello\"}]" + (stream ? ",\"stream\":true" : "") + "}";
    }
}
