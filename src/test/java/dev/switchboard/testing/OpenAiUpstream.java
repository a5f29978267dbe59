package dev.switchboard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

/**
 * A mock of OpenAI's chat completions API, in its documented wire format: {@code chat.completion} objects and
 * {@code chat.completion.chunk} streams ({@code data: {...}} events, {@code "usage": null} on every chunk and a final
 * usage chunk with empty {@code choices} when {@code stream_options.include_usage} is set, then {@code data: [DONE]});
 * {@code /embeddings} answers {@code {"object":"list","data":[{"object":"embedding","index","embedding"}],"model",
 * "usage":{"prompt_tokens","total_tokens"}}} (base64 float32 when {@code encoding_format} is base64);
 * {@code /images/generations} answers {@code {"created","data":[{"url"|"b64_json", "revised_prompt"}]}} and, for
 * gpt-image-1, its {@code background}, {@code output_format}, {@code quality}, {@code size} and token {@code usage}.
 * Other OpenAI-compatible providers are mocked with their own base path (Groq {@code /openai/v1}, OpenRouter
 * {@code /api/v1}, GitHub Models {@code /inference}).
 */
public final class OpenAiUpstream implements AutoCloseable {

    private final MockUpstream mock = MockUpstream.start();
    private final AtomicReference<Scenario> scenario = new AtomicReference<>(Scenario.reply("Hello from the mock.", 12, 10));
    private final AtomicReference<Long> embeddingTokens = new AtomicReference<>(8L);
    private final String basePath;

    public OpenAiUpstream() {
        this("/v1");
    }

    /** A provider of the family whose base URL path is {@code basePath} (for example {@code /openai/v1}). */
    public OpenAiUpstream(String basePath) {
        this.basePath = basePath;
        mock.on("POST", basePath + "/chat/completions", this::chat);
        mock.on("POST", basePath + "/embeddings", this::embeddings);
        mock.on("POST", basePath + "/images/generations", this::images);
    }

    /** The base URL as the OpenAI SDK writes it: with the version path ({@code /v1}). */
    public String baseUrl() {
        return mock.root() + basePath;
    }

    /** How many prompt tokens the next embeddings answers report. */
    public void willCountEmbeddingTokens(long tokens) {
        embeddingTokens.set(tokens);
    }

    public MockUpstream mock() {
        return mock;
    }

    public void willReply(String content, long promptTokens, long completionTokens) {
        scenario.set(Scenario.reply(content, promptTokens, completionTokens));
    }

    public void willFail(int status, String errorJson) {
        scenario.set(new Scenario(null, 0, 0, status, errorJson, Integer.MAX_VALUE, 0, -1, 0));
    }

    /** Streams the reply but breaks the connection after {@code events} events. */
    public void willBreakStreamAfter(String content, int events) {
        scenario.set(new Scenario(content, 12, 10, 200, null, events, 0, -1, 0));
    }

    /** Streams the reply, but after {@code events} events sends nothing for {@code millis}, then the rest. */
    public void willStallStreamAfter(String content, int events, long millis) {
        scenario.set(new Scenario(content, 12, 10, 200, null, Integer.MAX_VALUE, 0, events, millis));
    }

    public void willReplySlowly(String content, long delayMillis) {
        scenario.set(new Scenario(content, 12, 10, 200, null, Integer.MAX_VALUE, delayMillis, -1, 0));
    }

    public void reset() {
        mock.reset();
        embeddingTokens.set(8L);
        scenario.set(Scenario.reply("Hello from the mock.", 12, 10));
    }

    @Override
    public void close() {
        mock.close();
    }

    private void chat(MockUpstream.Recorded request, MockUpstream.Reply reply) throws IOException {
        var s = scenario.get();
        if (s.delayMillis > 0) {
            try {
                Thread.sleep(s.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s.status != 200) {
            reply.json(s.status, s.errorJson);
            return;
        }
        var body = request.json();
        var model = body.path("model").asString("unknown");
        if (body.path("stream").asBoolean(false)) {
            reply.sse(streamEvents(model, s, body.path("stream_options").path("include_usage").asBoolean(false)), s.breakAfter);
        } else {
            reply.json(200, completion(model, s));
        }
    }

    private void embeddings(MockUpstream.Recorded request, MockUpstream.Reply reply) throws IOException {
        var s = scenario.get();
        if (s.status != 200) {
            reply.json(s.status, s.errorJson);
            return;
        }
        var body = request.json();
        var input = body.path("input");
        var count = input.isString() || (input.isArray() && input.get(0).isIntegralNumber()) ? 1 : input.size();
        var dimensions = body.path("dimensions").asInt(4);
        var base64 = "base64".equals(body.path("encoding_format").asString("float"));
        var json = MockUpstream.JSON.createObjectNode();
        json.put("object", "list");
        var data = json.putArray("data");
        for (var i = 0; i < count; i++) {
            var item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                var buffer = java.nio.ByteBuffer.allocate(dimensions * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (var d = 0; d < dimensions; d++) {
                    buffer.putFloat(0.5f);
                }
                item.put("embedding", java.util.Base64.getEncoder().encodeToString(buffer.array()));
            } else {
                var vector = item.putArray("embedding");
                for (var d = 0; d < dimensions; d++) {
                    vector.add(0.5);
                }
            }
        }
        json.put("model", body.path("model").asString());
        json.putObject("usage").put("prompt_tokens", embeddingTokens.get()).put("total_tokens", embeddingTokens.get());
        reply.json(200, json.toString());
    }

    private void images(MockUpstream.Recorded request, MockUpstream.Reply reply) throws IOException {
        var s = scenario.get();
        if (s.status != 200) {
            reply.json(s.status, s.errorJson);
            return;
        }
        var body = request.json();
        var model = body.path("model").asString("dall-e-2");
        var gptImage = model.startsWith("gpt-image");
        var b64 = gptImage || "b64_json".equals(body.path("response_format").asString("url"));
        var json = MockUpstream.JSON.createObjectNode();
        json.put("created", 1767225600L);
        var data = json.putArray("data");
        for (var i = 0; i < body.path("n").asInt(1); i++) {
            var image = data.addObject();
            if (b64) {
                image.put("b64_json", "iVBORw0KGgo=");
            } else {
                image.put("url", "https://images.example.test/img-" + i + ".png");
            }
            if (model.equals("dall-e-3")) {
                image.put("revised_prompt", "A revised " + body.path("prompt").asString());
            }
        }
        if (gptImage) {
            json.put("background", "opaque");
            json.put("output_format", "png");
            json.put("quality", body.path("quality").asString("high"));
            json.put("size", body.path("size").asString("1024x1024"));
            var usage = json.putObject("usage");
            usage.put("input_tokens", 50);
            usage.putObject("input_tokens_details").put("image_tokens", 0).put("text_tokens", 50);
            usage.put("output_tokens", 4160);
            usage.put("total_tokens", 4210);
        }
        reply.json(200, json.toString());
    }

    private static String completion(String model, Scenario s) {
        var json = MockUpstream.JSON.createObjectNode();
        json.put("id", "chatcmpl-mock123");
        json.put("object", "chat.completion");
        json.put("created", 1767225600L);
        json.put("model", model);
        var choice = json.putArray("choices").addObject();
        choice.put("index", 0);
        var message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", s.content);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        json.set("usage", usage(s));
        json.put("service_tier", "default");
        json.put("system_fingerprint", "fp_mock");
        return json.toString();
    }

    private static JsonNode usage(Scenario s) {
        var usage = MockUpstream.JSON.createObjectNode();
        usage.put("prompt_tokens", s.promptTokens);
        usage.put("completion_tokens", s.completionTokens);
        usage.put("total_tokens", s.promptTokens + s.completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** The content in three pieces: a role chunk, content chunks, a finish chunk, the usage chunk if asked, [DONE]. */
    private static List<String> streamEvents(String model, Scenario s, boolean includeUsage) {
        var events = new ArrayList<String>();
        var pieces = split(s.content);
        events.add(chunk(model, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null, includeUsage));
        for (var piece : pieces) {
            events.add(chunk(model, "{\"content\":" + MockUpstream.JSON.writeValueAsString(piece) + "}", null, includeUsage));
        }
        events.add(chunk(model, "{}", "\"stop\"", includeUsage));
        if (includeUsage) {
            events.add("data: {\"id\":\"chatcmpl-mock123\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\""
                    + model + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\",\"choices\":[],\"usage\":"
                    + usage(s) + "}\n\n");
        }
        events.add("data: [DONE]\n\n");
        if (s.stallAfter >= 0) {
            events.add(s.stallAfter, MockUpstream.stall(s.stallMillis));
        }
        return events;
    }

    private static String chunk(String model, String delta, String finishReason, boolean includeUsage) {
        return "data: {\"id\":\"chatcmpl-mock123\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"" + model
                + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + (finishReason == null ? "null" : finishReason) + "}]"
                + (includeUsage ? ",\"usage\":null" : "") + "}\n\n";
    }

    private static List<String> split(String content) {
        var third = Math.max(1, content.length() / 3);
        var pieces = new ArrayList<String>();
        for (var i = 0; i < content.length(); i += third) {
            pieces.add(content.substring(i, Math.min(content.length(), i + third)));
        }
        return pieces;
    }

    private record Scenario(String content, long promptTokens, long completionTokens, int status, String errorJson,
                            int breakAfter, long delayMillis, int stallAfter, long stallMillis) {
        static Scenario reply(String content, long promptTokens, long completionTokens) {
            return new Scenario(content, promptTokens, completionTokens, 200, null, Integer.MAX_VALUE, 0, -1, 0);
        }
    }
}
