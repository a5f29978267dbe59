package dev.switchboard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

/**
 * A mock of OpenAI's chat completions API, in its documented wire format: {@code chat.completion} objects and
 * {@code chat.completion.chunk} streams ({@code data: {...}} events, {@code "usage": null} on every chunk and a final
 * usage chunk with empty {@code choices} when {@code stream_options.include_usage} is set, then {@code data: [DONE]}).
 */
public final class OpenAiUpstream implements AutoCloseable {

    private final MockUpstream mock = MockUpstream.start();
    private final AtomicReference<Scenario> scenario = new AtomicReference<>(Scenario.reply("Hello from the mock.", 12, 10));

    public OpenAiUpstream() {
        mock.on("POST", "/v1/chat/completions", this::chat);
    }

    /** The base URL as the OpenAI SDK writes it: with {@code /v1}. */
    public String baseUrl() {
        return mock.root() + "/v1";
    }

    public MockUpstream mock() {
        return mock;
    }

    public void willReply(String content, long promptTokens, long completionTokens) {
        scenario.set(Scenario.reply(content, promptTokens, completionTokens));
    }

    public void willFail(int status, String errorJson) {
        scenario.set(new Scenario(null, 0, 0, status, errorJson, Integer.MAX_VALUE, 0));
    }

    /** Streams the reply but breaks the connection after {@code events} events. */
    public void willBreakStreamAfter(String content, int events) {
        scenario.set(new Scenario(content, 12, 10, 200, null, events, 0));
    }

    public void willReplySlowly(String content, long delayMillis) {
        scenario.set(new Scenario(content, 12, 10, 200, null, Integer.MAX_VALUE, delayMillis));
    }

    public void reset() {
        mock.reset();
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
                            int breakAfter, long delayMillis) {
        static Scenario reply(String content, long promptTokens, long completionTokens) {
            return new Scenario(content, promptTokens, completionTokens, 200, null, Integer.MAX_VALUE, 0);
        }
    }
}
