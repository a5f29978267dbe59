package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider stand-in of an AOT training run ({@link AotTraining}): OpenAI's chat completions
 * ({@code POST /v1/chat/completions}) and Anthropic's Messages ({@code POST /v1/messages}) on 127.0.0.1 only, each
 * answering in its provider's wire format (the same as the test mocks in {@code dev.switchboard.testing}): a
 * {@code chat.completion} or a {@code chat.completion.chunk} stream with its usage chunk and {@code [DONE]}; a
 * {@code message} or the {@code message_start} … {@code message_stop} event stream. The replies are fixed so that the
 * gateway's own code, not the mock, is what the run exercises.
 */
final class TrainingUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USAGE = "{\"prompt_tokens\":12,\"completion_tokens\":10,\"total_tokens\":22,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
            + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private TrainingUpstream(HttpServer server) {
        this.server = server;
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, this::openAi));
        server.createContext("/v1/messages", exchange -> answer(exchange, this::anthropic));
        server.setExecutor(executor);
        server.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static TrainingUpstream start(int port) {
        try {
            return new TrainingUpstream(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256));
        } catch (IOException e) {
            throw new UncheckedIOException("the AOT training upstream cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private interface Answer {
        void write(HttpExchange exchange, String model, boolean stream) throws IOException;
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            var body = JSON.readTree(exchange.getRequestBody());
            answer.write(exchange, body.path("model").asString("unknown"), body.path("stream").asBoolean(false));
        }
    }

    private void openAi(HttpExchange exchange, String model, boolean stream) throws IOException {
        var head = "{\"id\":\"chatcmpl-training\",\"object\":\"chat.completion%s\",\"created\":1767225600,\"model\":"
                + JSON.writeValueAsString(model) + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_training\",";
        if (!stream) {
            json(exchange, head.formatted("") + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + "\"Hello from the training run.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":"
                    + "\"stop\"}],\"usage\":" + USAGE + "}");
            return;
        }
        var chunk = "data: " + head.formatted(".chunk") + "\"choices\":[{\"index\":0,\"delta\":%s,\"logprobs\":null,"
                + "\"finish_reason\":%s}],\"usage\":null}\n\n";
        sse(exchange, List.of(chunk.formatted("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"),
                chunk.formatted("{\"content\":\"Hello from \"}", "null"), chunk.formatted("{\"content\":\"the training run.\"}", "null"),
                chunk.formatted("{}", "\"stop\""), "data: " + head.formatted(".chunk") + "\"choices\":[],\"usage\":" + USAGE + "}\n\n",
                "data: [DONE]\n\n"));
    }

    private void anthropic(HttpExchange exchange, String model, boolean stream) throws IOException {
        var head = "{\"id\":\"msg_training\",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + JSON.writeValueAsString(model);
        var usage = "{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":%d,"
                + "\"service_tier\":\"standard\"}";
        if (!stream) {
            json(exchange, head + ",\"content\":[{\"type\":\"text\",\"text\":\"Hello from the training run.\"}],\"stop_reason\":"
                    + "\"end_turn\",\"stop_sequence\":null,\"usage\":" + usage.formatted(10) + "}");
            return;
        }
        var delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}";
        sse(exchange, List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":" + head + ",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":" + usage.formatted(1) + "}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("ping", "{\"type\": \"ping\"}"),
                event("content_block_delta", delta.formatted("Hello from ")),
                event("content_block_delta", delta.formatted("the training run.")),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":10}}"),
                event("message_stop", "{\"type\":\"message_stop\"}")));
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sse(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        var out = exchange.getResponseBody();
        for (var event : events) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
