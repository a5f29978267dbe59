package dev.switchboard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mock of Anthropic's Messages API ({@code POST /v1/messages}) in its documented wire format. It checks what the
 * real API checks first ({@code x-api-key}, {@code anthropic-version}, {@code max_tokens}) and answers with
 * {@code message} objects, or with the event stream as Anthropic frames it: {@code event: <type>} and
 * {@code data: <json>} per event; {@code message_start} carrying the input usage (cache reads and writes apart) and
 * {@code output_tokens: 1}, {@code content_block_start}, one {@code ping}, {@code content_block_delta}s
 * ({@code text_delta}, {@code input_json_delta}), {@code content_block_stop}, {@code message_delta} with the stop reason
 * and the cumulative {@code output_tokens}, {@code message_stop}. Errors are
 * {@code {"type":"error","error":{"type","message"},"request_id"}}, over HTTP or as an {@code event: error} mid-stream.
 */
public final class AnthropicUpstream implements AutoCloseable {

    public static final String KEY = "test-anthropic-env-key-000111222333";

    private final MockUpstream mock = MockUpstream.start();
    private final AtomicReference<Scenario> scenario = new AtomicReference<>(Scenario.text("Hello from Claude."));

    public AnthropicUpstream() {
        mock.on("POST", "/v1/messages", this::messages);
        // Anthropic's count_tokens answer: {"input_tokens": n}; this mock counts 42 whatever it is sent
        mock.on("POST", "/v1/messages/count_tokens", (request, reply) -> {
            var s = scenario.get();
            if (s.status() != 200) {
                reply.json(s.status(), s.errorJson());
            } else {
                reply.json(200, "{\"input_tokens\":42}");
            }
        });
    }

    /** The base URL as Anthropic's SDKs write it: the host root, without {@code /v1}. */
    public String baseUrl() {
        return mock.root();
    }

    public MockUpstream mock() {
        return mock;
    }

    public void willReply(Scenario s) {
        scenario.set(s);
    }

    public void willReply(String text, long inputTokens, long outputTokens) {
        scenario.set(Scenario.text(text).withUsage(inputTokens, outputTokens, 0, 0));
    }

    public void willFail(int status, String errorType, String message) {
        scenario.set(Scenario.text("").failing(status, errorJson(errorType, message)));
    }

    public void reset() {
        mock.reset();
        scenario.set(Scenario.text("Hello from Claude."));
    }

    @Override
    public void close() {
        mock.close();
    }

    public static String errorJson(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":" + MockUpstream.JSON.writeValueAsString(message)
                + "},\"request_id\":\"req_011CMockRequest\"}";
    }

    private void messages(MockUpstream.Recorded request, MockUpstream.Reply reply) throws IOException {
        var s = scenario.get();
        if (!KEY.equals(request.header("x-api-key"))) {
            reply.json(401, errorJson("authentication_error", "invalid x-api-key"));
            return;
        }
        if (request.header("anthropic-version") == null) {
            reply.json(400, errorJson("invalid_request_error", "anthropic-version: header is required"));
            return;
        }
        var body = request.json();
        if (!body.path("max_tokens").isNumber()) {
            reply.json(400, errorJson("invalid_request_error", "max_tokens: Field required"));
            return;
        }
        if (s.delayMillis > 0) {
            sleep(s.delayMillis);
        }
        if (s.status != 200) {
            reply.status(s.status, s.retryAfter == null ? Map.of() : Map.of("retry-after", s.retryAfter), s.errorJson);
            return;
        }
        var model = body.path("model").asString("unknown");
        if (body.path("stream").asBoolean(false)) {
            reply.sse(events(model, s), s.breakAfter);
        } else {
            reply.json(200, message(model, s).toString());
        }
    }

    private static ObjectNode message(String model, Scenario s) {
        var json = messageHead(model);
        var content = json.putArray("content");
        if (!s.text.isEmpty()) {
            content.addObject().put("type", "text").put("text", s.text);
        }
        if (s.toolName != null) {
            var tool = content.addObject().put("type", "tool_use").put("id", s.toolId).put("name", s.toolName);
            tool.set("input", MockUpstream.JSON.readTree(s.toolInput));
        }
        json.put("stop_reason", s.stopReason);
        json.put("stop_sequence", s.stopSequence);
        json.set("usage", usage(s, s.outputTokens));
        return json;
    }

    private static ObjectNode messageHead(String model) {
        var json = MockUpstream.JSON.createObjectNode();
        json.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
        json.put("type", "message");
        json.put("role", "assistant");
        json.put("model", model);
        return json;
    }

    private static ObjectNode usage(Scenario s, long outputTokens) {
        var usage = MockUpstream.JSON.createObjectNode();
        usage.put("input_tokens", s.inputTokens);
        usage.put("cache_creation_input_tokens", s.cacheCreation);
        usage.put("cache_read_input_tokens", s.cacheRead);
        usage.put("output_tokens", outputTokens);
        usage.put("service_tier", "standard");
        return usage;
    }

    private static List<String> events(String model, Scenario s) {
        var events = new ArrayList<String>();
        var start = MockUpstream.JSON.createObjectNode().put("type", "message_start");
        var head = messageHead(model);
        head.putArray("content");
        head.putNull("stop_reason");
        head.putNull("stop_sequence");
        head.set("usage", usage(s, 1));
        start.set("message", head);
        events.add(event("message_start", start));
        var index = 0;
        if (!s.text.isEmpty()) {
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            events.add(event("ping", "{\"type\": \"ping\"}"));
            for (var piece : split(s.text)) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + MockUpstream.JSON.writeValueAsString(piece) + "}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            index++;
        }
        if (s.toolName != null) {
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                    + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + s.toolId + "\",\"name\":\"" + s.toolName + "\",\"input\":{}}}"));
            for (var piece : split(s.toolInput)) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + MockUpstream.JSON.writeValueAsString(piece) + "}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
        }
        if (s.errorEventAfter < events.size()) {
            var cut = new ArrayList<>(events.subList(0, s.errorEventAfter));
            cut.add(event("error", errorJson("overloaded_error", "Overloaded")));
            return cut;
        }
        var delta = MockUpstream.JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", s.stopReason).put("stop_sequence", s.stopSequence);
        delta.putObject("usage").put("output_tokens", s.outputTokens);
        events.add(event("message_delta", delta));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    private static String event(String type, JsonNode data) {
        return event(type, data.toString());
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static List<String> split(String content) {
        var third = Math.max(1, content.length() / 3);
        var pieces = new ArrayList<String>();
        for (var i = 0; i < content.length(); i += third) {
            pieces.add(content.substring(i, Math.min(content.length(), i + third)));
        }
        return pieces;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the mock answers next; {@code with…} methods return changed copies. */
    public record Scenario(String text, String toolId, String toolName, String toolInput, String stopReason, String stopSequence,
                           long inputTokens, long outputTokens, long cacheRead, long cacheCreation, int status, String errorJson,
                           String retryAfter, int breakAfter, int errorEventAfter, long delayMillis) {

        public static Scenario text(String text) {
            return new Scenario(text, null, null, null, "end_turn", null, 25, 15, 0, 0, 200, null, null,
                    Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
        }

        public Scenario withToolUse(String id, String name, String inputJson) {
            return new Scenario(text, id, name, inputJson, "tool_use", null, inputTokens, outputTokens, cacheRead, cacheCreation,
                    status, errorJson, retryAfter, breakAfter, errorEventAfter, delayMillis);
        }

        public Scenario withStop(String reason, String sequence) {
            return new Scenario(text, toolId, toolName, toolInput, reason, sequence, inputTokens, outputTokens, cacheRead, cacheCreation,
                    status, errorJson, retryAfter, breakAfter, errorEventAfter, delayMillis);
        }

        public Scenario withUsage(long input, long output, long read, long creation) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, input, output, read, creation,
                    status, errorJson, retryAfter, breakAfter, errorEventAfter, delayMillis);
        }

        public Scenario failing(int httpStatus, String json) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, inputTokens, outputTokens, cacheRead,
                    cacheCreation, httpStatus, json, retryAfter, breakAfter, errorEventAfter, delayMillis);
        }

        public Scenario withRetryAfter(String seconds) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, inputTokens, outputTokens, cacheRead,
                    cacheCreation, status, errorJson, seconds, breakAfter, errorEventAfter, delayMillis);
        }

        /** The connection drops after that many events. */
        public Scenario breakingAfter(int events) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, inputTokens, outputTokens, cacheRead,
                    cacheCreation, status, errorJson, retryAfter, events, errorEventAfter, delayMillis);
        }

        /** An {@code overloaded_error} event follows that many events, and the stream ends. */
        public Scenario overloadedAfter(int events) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, inputTokens, outputTokens, cacheRead,
                    cacheCreation, status, errorJson, retryAfter, breakAfter, events, delayMillis);
        }

        public Scenario delayedBy(long millis) {
            return new Scenario(text, toolId, toolName, toolInput, stopReason, stopSequence, inputTokens, outputTokens, cacheRead,
                    cacheCreation, status, errorJson, retryAfter, breakAfter, errorEventAfter, millis);
        }
    }
}
