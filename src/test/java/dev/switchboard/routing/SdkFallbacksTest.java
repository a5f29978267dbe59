package dev.switchboard.routing;

import static dev.switchboard.testing.MockUpstream.status;
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
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fallback chains across providers through the official SDKs (e2e/sdk/fallback-check.mjs): the request's
 * {@code fallbacks} passes through each SDK as an extra body field, the first model's provider fails, the fallback's
 * (another provider, another wire format) serves, and the SDK reads the answer and the headers that name it.
 */
class SdkFallbacksTest extends RoutingTestSupport {

    private static final Path SDK_DIR = Path.of("e2e", "sdk");

    @Test
    void shouldFallBackFromOpenAiToAnthropicThroughTheOpenAiSdk() {
        var claude = model("sdk-claude", "anthropic", "claude-haiku-4-5", "");
        var primary = model("sdk-gpt", "openai", "gpt-4o", "");
        OPENAI.mock().failNext(status(503), status(503));

        var steps = run("openai", primary, claude);

        assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
        assertThat(steps.get("create").path("served").asString()).isEqualTo(claude);
        assertThat(steps.get("create").path("attempts").asString()).isEqualTo("2");
        assertThat(steps.get("create").path("text").asString()).isEqualTo("Hello from Claude.");
        assertThat(steps.get("stream").path("served").asString()).isEqualTo(claude);
        assertThat(steps.get("stream").path("text").asString()).isEqualTo("Hello from Claude.");
    }

    @Test
    void shouldFallBackFromAnthropicToOpenAiThroughTheAnthropicSdk() {
        var gpt = model("sdk-gpt", "openai", "gpt-4o", "");
        var primary = model("sdk-claude", "anthropic", "claude-haiku-4-5", "");
        var overloaded = AnthropicUpstream.errorJson("overloaded_error", "Overloaded");
        ANTHROPIC.mock().failNext(status(529, overloaded), status(529, overloaded));

        var steps = run("anthropic", primary, gpt);

        assertThat(steps.values()).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
        assertThat(steps.get("create").path("served").asString()).isEqualTo(gpt);
        assertThat(steps.get("create").path("model").asString()).isEqualTo(gpt);
        assertThat(steps.get("create").path("text").asString()).isEqualTo("Hello from the mock.");
        assertThat(steps.get("stream").path("model").asString()).isEqualTo(gpt);
        assertThat(steps.get("stream").path("text").asString()).isEqualTo("Hello from the mock.");
    }

    private Map<String, JsonNode> run(String dialect, String model, String fallback) {
        if (!Files.isDirectory(SDK_DIR.resolve("node_modules"))) {
            fail("The official SDKs are not installed: run `npm ci --prefix e2e/sdk` (.ci/run does)");
        }
        var builder = new ProcessBuilder("node", "fallback-check.mjs").directory(SDK_DIR.toFile());
        builder.environment().putAll(Map.of("GATEWAY", "http://127.0.0.1:" + port, "KEY", newUser().secret(), "MODEL", model,
                "FALLBACK", fallback, "DIALECT", dialect));
        try {
            var process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("fallback-check.mjs did not finish within 60 s");
            }
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            var errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("node: %s", errors).isZero();
            var steps = new LinkedHashMap<String, JsonNode>();
            output.lines().filter(line -> line.startsWith("{")).map(MockUpstream.JSON::readTree)
                    .forEach(step -> steps.put(step.path("step").asString(), step));
            assertThat(steps).as("steps: %s %s", output, errors).hasSize(2);
            return steps;
        } catch (IOException e) {
            return fail("cannot run node: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
