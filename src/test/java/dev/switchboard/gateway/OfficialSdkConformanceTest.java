package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.OpenAiResponsesMock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The official OpenAI and Anthropic SDKs (Node, pinned in e2e/sdk) against the whole gateway and the mock upstreams:
 * whatever our tests of the wire format miss, the SDKs' own parsers catch. One model per upstream wire format, so
 * every translator is driven by both SDKs. Needs {@code node} and {@code npm ci --prefix e2e/sdk} ({@code .ci/run}
 * does it); without them this test fails rather than skips.
 */
class OfficialSdkConformanceTest extends GatewayTestSupport {

    private static final Path SDK_DIR = Path.of("e2e", "sdk");

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"})
    void shouldServeTheOpenAiSdkUnchanged(String model) {
        var steps = run("openai-check.mjs", model);

        assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
        assertThat(steps.get("models.list").path("ids").toString()).contains("\"" + model + "\"");
        assertThat(steps.get("models.list").path("objects").toString()).isEqualTo("[\"model\"]");
        assertThat(steps.get("models.retrieve").path("id").asString()).isEqualTo(model);
        var created = steps.get("chat.completions.create");
        assertThat(created.path("object").asString()).isEqualTo("chat.completion");
        assertThat(created.path("text").asString()).isNotBlank();
        assertThat(created.path("usage").path("prompt_tokens").asLong()).isPositive();
        var streamed = steps.get("stream with usage");
        assertThat(streamed.path("text").asString()).isEqualTo(created.path("text").asString());
        assertThat(streamed.path("usage").path("completion_tokens").asLong()).isPositive();
        assertThat(steps.get("stream without usage").path("usageOnly").asInt()).isZero();
        assertThat(steps.get("stream without usage").path("text").asString()).isEqualTo(created.path("text").asString());
        assertThat(steps.get("chat.completions.stream helper").path("text").asString()).isEqualTo(created.path("text").asString());
        assertThat(steps.get("unknown model").path("error").asString()).isEqualTo("NotFoundError");
        assertThat(steps.get("bad key").path("error").asString()).isEqualTo("AuthenticationError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "gpt-4o-mini", "gemini-2.5-flash"})
    void shouldServeTheAnthropicSdkUnchanged(String model) {
        var steps = run("anthropic-check.mjs", model);

        assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
        var listed = steps.get("models.list");
        assertThat(listed.path("ids").toString()).contains("\"" + model + "\"", "\"gpt-4o\"", "\"claude-opus-4-6\"");
        assertThat(listed.path("ids").size()).isGreaterThan(5); // more than one page of 5
        assertThat(listed.path("type").asString()).isEqualTo("model");
        assertThat(listed.path("id").asString()).isEqualTo(model);
        assertThat(listed.path("display_name").asString()).isNotBlank();
        var created = steps.get("messages.create");
        assertThat(created.path("type").asString()).isEqualTo("message");
        assertThat(created.path("text").asString()).isNotBlank();
        assertThat(created.path("stop").asString()).isEqualTo("end_turn");
        assertThat(created.path("usage").path("input_tokens").asLong()).isPositive();
        var streamed = steps.get("messages.stream");
        assertThat(streamed.path("text").asString()).isEqualTo(created.path("text").asString());
        assertThat(streamed.path("deltas").asInt()).isPositive();
        assertThat(streamed.path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(steps.get("raw stream events").path("types").toString())
                .startsWith("[\"message_start\",\"content_block_start\"").endsWith("\"message_delta\",\"message_stop\"]");
        assertThat(steps.get("unknown model").path("error").asString()).isEqualTo("NotFoundError");
        assertThat(steps.get("unknown model").path("type").asString()).isEqualTo("not_found_error");
        assertThat(steps.get("messages.countTokens").path("input_tokens").asLong()).isPositive();
        assertThat(steps.get("bad key").path("error").asString()).isEqualTo("AuthenticationError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"})
    void shouldCarryToolCallsBothWaysForTheOpenAiSdk(String model) throws Exception {
        try (var ignored = upstreamCallsGetWeather()) {
            var steps = run("openai-tools.mjs", model);

            assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
            for (var name : new String[]{"tool call", "tool call streamed"}) {
                var step = steps.get(name);
                assertThat(step.path("finish").asString()).as(name).isEqualTo("tool_calls");
                assertThat(step.path("calls")).as(name).hasSize(1);
                var call = step.path("calls").get(0);
                assertThat(call.path("type").asString()).isEqualTo("function");
                assertThat(call.path("name").asString()).isEqualTo("get_weather");
                assertThat(call.path("args").toString()).isEqualTo("{\"location\":\"Paris\"}");
                assertThat(call.path("id").asString()).isNotBlank();
            }
            assertThat(lastUpstreamBody(model)).contains("temperature_c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "gpt-4o-mini", "gemini-2.5-flash"})
    void shouldCarryToolUseBothWaysForTheAnthropicSdk(String model) throws Exception {
        try (var ignored = upstreamCallsGetWeather()) {
            var steps = run("anthropic-tools.mjs", model);

            assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
            for (var name : new String[]{"tool use", "tool use streamed"}) {
                var step = steps.get(name);
                assertThat(step.path("stop").asString()).as(name).isEqualTo("tool_use");
                assertThat(step.path("calls")).as(name).hasSize(1);
                assertThat(step.path("calls").get(0).path("name").asString()).isEqualTo("get_weather");
                assertThat(step.path("calls").get(0).path("args").toString()).isEqualTo("{\"location\":\"Paris\"}");
            }
            assertThat(lastUpstreamBody(model)).contains("21 degrees");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-embedding-3-small", "gemini-embedding-001"})
    void shouldServeEmbeddingsAndImagesToTheOpenAiSdk(String embeddingModel) {
        var steps = run("openai-media.mjs", Map.of("EMBEDDING_MODEL", embeddingModel, "IMAGE_MODEL", "dall-e-3"));

        assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
        var embedded = steps.get("embeddings.create");
        assertThat(embedded.path("object").asString()).isEqualTo("list");
        assertThat(embedded.path("count").asInt()).isEqualTo(2);
        assertThat(embedded.path("dims").get(0).asInt()).isPositive();
        assertThat(embedded.path("first").isNumber()).isTrue();
        assertThat(embedded.path("usage").path("prompt_tokens").asLong()).isPositive();
        assertThat(steps.get("embeddings.create float").path("count").asInt()).isEqualTo(1);
        assertThat(steps.get("embeddings.create float").path("first").asDouble())
                .isEqualTo(embedded.path("first").asDouble());
        assertThat(steps.get("images.generate").path("count").asInt()).isEqualTo(1);
        assertThat(steps.get("images.generate").path("hasImage").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"})
    void shouldServeTheResponsesApiToTheOpenAiSdk(String model) throws Exception {
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", OpenAiResponsesMock.text("Hello from the mock."))) {
            var steps = run("openai-responses.mjs", Map.of("MODEL", model, "PART", "text"));

            assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
            var created = steps.get("responses.create");
            assertThat(created.path("object").asString()).isEqualTo("response");
            assertThat(created.path("status").asString()).isEqualTo("completed");
            assertThat(created.path("text").asString()).startsWith("Hello from");
            assertThat(created.path("usage").path("input_tokens").asLong()).isPositive();
            var streamed = steps.get("responses.create stream");
            assertThat(streamed.path("text").asString()).isEqualTo(created.path("text").asString());
            assertThat(streamed.path("types").get(0).asString()).isEqualTo("response.created");
            assertThat(streamed.path("types").get(streamed.path("types").size() - 1).asString()).isEqualTo("response.completed");
            for (var i = 0; i < streamed.path("sequence").size(); i++) {
                assertThat(streamed.path("sequence").get(i).asInt()).isEqualTo(i);
            }
            assertThat(streamed.path("usage").path("output_tokens").asLong()).isPositive();
            assertThat(steps.get("responses.stream helper").path("text").asString()).isEqualTo(created.path("text").asString());
            assertThat(steps.get("previous_response_id").path("text").asString()).startsWith("Hello from");
            assertThat(steps.get("responses.retrieve").path("id").asString()).isEqualTo(created.path("id").asString());
            assertThat(steps.get("responses.inputItems.list").path("first").asString()).isEqualTo("Say hello");
            assertThat(steps.get("retrieve deleted").path("error").asString()).isEqualTo("NotFoundError");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"})
    void shouldCarryFunctionCallsBothWaysOnTheResponsesApi(String model) throws Exception {
        try (var ignored = upstreamCallsGetWeather();
             var responses = OPENAI.mock().override("POST", "/v1/responses", OpenAiResponsesMock.functionCall("get_weather", "{\"location\":\"Paris\"}"))) {
            var steps = run("openai-responses.mjs", Map.of("MODEL", model, "PART", "tools"));

            assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
            for (var name : new String[]{"function call", "function call streamed"}) {
                var calls = steps.get(name).path("calls");
                assertThat(calls).as(name).hasSize(1);
                assertThat(calls.get(0).path("name").asString()).isEqualTo("get_weather");
                assertThat(calls.get(0).path("args").toString()).isEqualTo("{\"location\":\"Paris\"}");
                assertThat(calls.get(0).path("call_id").asString()).isNotBlank();
            }
            assertThat(lastUpstreamBody(model)).contains("temperature_c");
        }
    }

    /** Every upstream answers with a call to get_weather({"location":"Paris"}), in its own wire format. */
    private AutoCloseable upstreamCallsGetWeather() {
        ANTHROPIC.willReply(AnthropicUpstream.Scenario.text("").withToolUse("toolu_01", "get_weather", "{\"location\":\"Paris\"}"));
        GOOGLE.willCallFunction("get_weather", "{\"location\":\"Paris\"}");
        return OPENAI.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
            if (request.json().path("stream").asBoolean(false)) {
                reply.sse(java.util.List.of(
                        chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null"),
                        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\"\"}}]}", "null"),
                        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]}", "null"),
                        chunk("{}", "\"tool_calls\""),
                        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],"
                                + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":9,\"total_tokens\":39}}\n\n",
                        "data: [DONE]\n\n"));
            } else {
                reply.json(200, """
                        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_1",
                           "type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                           "logprobs":null,"finish_reason":"tool_calls"}],
                         "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""");
            }
        });
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":null}\n\n";
    }

    private static String lastUpstreamBody(String model) {
        var mock = switch (model) {
            case "gpt-4o-mini" -> OPENAI.mock();
            case "claude-sonnet-4-5" -> ANTHROPIC.mock();
            default -> GOOGLE.mock();
        };
        return mock.lastRequest().body();
    }

    private Map<String, JsonNode> run(String script, String model) {
        return run(script, Map.of("MODEL", model));
    }

    private Map<String, JsonNode> run(String script, Map<String, String> env) {
        if (!Files.isDirectory(SDK_DIR.resolve("node_modules"))) {
            fail("The official SDKs are not installed: run `npm ci --prefix e2e/sdk` (.ci/run does)");
        }
        var user = newUser();
        var process = start(script, env, user.secret());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script + " did not finish within 60 s");
            }
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            var errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("node %s: %s", script, errors).isZero();
            var steps = new LinkedHashMap<String, JsonNode>();
            output.lines().filter(line -> line.startsWith("{")).map(MockUpstream.JSON::readTree)
                    .forEach(step -> steps.put(step.path("step").asString(), step));
            assertThat(steps).as("steps printed by %s: %s %s", script, output, errors).isNotEmpty();
            return steps;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Process start(String script, Map<String, String> env, String key) {
        var builder = new ProcessBuilder("node", script).directory(SDK_DIR.toFile());
        builder.environment().put("GATEWAY", "http://127.0.0.1:" + port);
        builder.environment().put("KEY", key);
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            return fail("cannot run node (install Node.js: apt-get install nodejs npm): " + e.getMessage());
        }
    }
}
