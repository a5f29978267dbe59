package dev.switchboard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mock of the Gemini API (generativelanguage v1beta) in its documented wire format:
 * {@code POST /v1beta/models/{model}:generateContent} answers a {@code GenerateContentResponse}
 * ({@code candidates[].content.parts}, {@code finishReason}, {@code index}, {@code usageMetadata} with
 * {@code promptTokenCount}, {@code candidatesTokenCount}, {@code totalTokenCount}, optional
 * {@code thoughtsTokenCount} / {@code cachedContentTokenCount}, {@code modelVersion}, {@code responseId});
 * {@code :streamGenerateContent?alt=sse} answers the same objects as {@code data: {...}} events separated by CRLF
 * blank lines, each carrying running usage, the last one the {@code finishReason}; {@code :batchEmbedContents}
 * answers {@code {"embeddings":[{"values":[...]}]}}. Errors are google.rpc.Status objects under {@code error}.
 */
public final class GeminiUpstream implements AutoCloseable {

    private final MockUpstream mock = MockUpstream.start();
    private final AtomicReference<Scenario> scenario = new AtomicReference<>(Scenario.text("Hello from Gemini.", 9, 6));

    public GeminiUpstream() {
        mock.on("POST", "/v1beta/models/", this::handle);
    }

    /** The host root, as GOOGLE_BASE_URL is written. */
    public String baseUrl() {
        return mock.root();
    }

    public MockUpstream mock() {
        return mock;
    }

    public void willReply(String text, long promptTokens, long candidatesTokens) {
        scenario.set(Scenario.text(text, promptTokens, candidatesTokens));
    }

    /** A reply whose usage also reports thinking and cached tokens. */
    public void willReplyWithThoughts(String text, long promptTokens, long candidatesTokens, long thoughtsTokens, long cachedTokens) {
        scenario.set(new Scenario(text, null, null, "STOP", promptTokens, candidatesTokens, thoughtsTokens, cachedTokens, 200, null, Integer.MAX_VALUE));
    }

    public void willCallFunction(String name, String argsJson) {
        scenario.set(new Scenario(null, name, argsJson, "STOP", 20, 7, 0, 0, 200, null, Integer.MAX_VALUE));
    }

    public void willFinishWith(String text, String finishReason) {
        scenario.set(new Scenario(text, null, null, finishReason, 9, 6, 0, 0, 200, null, Integer.MAX_VALUE));
    }

    public void willFail(int status, String errorJson) {
        scenario.set(new Scenario(null, null, null, null, 0, 0, 0, 0, status, errorJson, Integer.MAX_VALUE));
    }

    /** Streams, but the connection drops after {@code events} events (before the one with the finishReason). */
    public void willBreakStreamAfter(String text, int events) {
        scenario.set(new Scenario(text, null, null, "STOP", 9, 6, 0, 0, 200, null, events));
    }

    /** Streams every text event and ends the stream cleanly without ever sending a finishReason. */
    public void willEndStreamWithoutFinishReason(String text) {
        scenario.set(new Scenario(text, null, null, null, 9, 6, 0, 0, 200, null, Integer.MAX_VALUE));
    }

    /** The documented answer to a wrong key: 400 INVALID_ARGUMENT with an ErrorInfo reason API_KEY_INVALID. */
    public static String apiKeyInvalidError() {
        return """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",\
                "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com",\
                "metadata":{"service":"generativelanguage.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage",\
                "locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}""";
    }

    public static String statusError(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    public void reset() {
        mock.reset();
        scenario.set(Scenario.text("Hello from Gemini.", 9, 6));
    }

    @Override
    public void close() {
        mock.close();
    }

    private void handle(MockUpstream.Recorded request, MockUpstream.Reply reply) throws IOException {
        var s = scenario.get();
        if (s.status != 200) {
            reply.json(s.status, s.errorJson);
            return;
        }
        var path = request.path();
        var model = path.substring("/v1beta/models/".length(), path.lastIndexOf(':'));
        if (path.endsWith(":batchEmbedContents")) {
            reply.json(200, embeddings(request));
        } else if (path.endsWith(":streamGenerateContent") && "alt=sse".equals(request.query())) {
            reply.sse(streamEvents(model, s), s.breakAfter);
        } else if (path.endsWith(":generateContent")) {
            reply.json(200, response(model, s, s.text, true, true).toString());
        } else {
            reply.json(404, statusError(404, "NOT_FOUND", "Method not found."));
        }
    }

    private static String embeddings(MockUpstream.Recorded request) {
        var root = MockUpstream.JSON.createObjectNode();
        var embeddings = root.putArray("embeddings");
        for (var one : request.json().path("requests")) {
            var dimensions = one.path("outputDimensionality").asInt(3);
            var values = embeddings.addObject().putArray("values");
            for (var i = 0; i < dimensions; i++) {
                values.add(0.25 * (i + 1));
            }
        }
        return root.toString();
    }

    private static ObjectNode response(String model, Scenario s, String text, boolean finished, boolean fullUsage) {
        var root = MockUpstream.JSON.createObjectNode();
        var candidate = root.putArray("candidates").addObject();
        var content = candidate.putObject("content");
        ArrayNode parts = content.putArray("parts");
        if (text != null) {
            parts.addObject().put("text", text);
        }
        if (s.functionName != null && finished) {
            var call = parts.addObject().putObject("functionCall");
            call.put("name", s.functionName);
            call.set("args", MockUpstream.JSON.readTree(s.functionArgs));
        }
        content.put("role", "model");
        if (finished && s.finishReason != null) {
            candidate.put("finishReason", s.finishReason);
        }
        candidate.put("index", 0);
        var usage = root.putObject("usageMetadata");
        usage.put("promptTokenCount", s.promptTokens);
        if (fullUsage) {
            usage.put("candidatesTokenCount", s.candidatesTokens);
        }
        usage.put("totalTokenCount", s.promptTokens + (fullUsage ? s.candidatesTokens + s.thoughtsTokens : 0));
        if (s.cachedTokens > 0) {
            usage.put("cachedContentTokenCount", s.cachedTokens);
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", s.promptTokens);
        if (fullUsage && s.thoughtsTokens > 0) {
            usage.put("thoughtsTokenCount", s.thoughtsTokens);
        }
        root.put("modelVersion", model);
        root.put("responseId", "mockResponseId123");
        return root;
    }

    /** The text in pieces, one event each (running usage without candidates tokens), the last piece with the finish. */
    private static List<String> streamEvents(String model, Scenario s) {
        var pieces = pieces(s.text);
        var events = new ArrayList<String>();
        for (var i = 0; i < pieces.size(); i++) {
            var last = i == pieces.size() - 1;
            events.add("data: " + response(model, s, pieces.get(i), last, last) + "\r\n\r\n");
        }
        return events;
    }

    private static List<String> pieces(String text) {
        var pieces = new ArrayList<String>();
        if (text == null) {
            pieces.add(null);
            return pieces;
        }
        var third = Math.max(1, text.length() / 3);
        for (var i = 0; i < text.length(); i += third) {
            pieces.add(text.substring(i, Math.min(text.length(), i + third)));
        }
        return pieces;
    }

    private record Scenario(String text, String functionName, String functionArgs, String finishReason, long promptTokens,
                            long candidatesTokens, long thoughtsTokens, long cachedTokens, int status, String errorJson, int breakAfter) {
        static Scenario text(String text, long promptTokens, long candidatesTokens) {
            return new Scenario(text, null, null, "STOP", promptTokens, candidatesTokens, 0, 0, 200, null, Integer.MAX_VALUE);
        }
    }
}
