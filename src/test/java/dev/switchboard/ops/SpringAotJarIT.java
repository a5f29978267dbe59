package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.testing.OpenAiUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jar started as {@code bin/switchboard} and the image start it ({@code java @bin/jvm.options -jar}), run
 * by failsafe after {@code package}: with the default settings it starts from the code Spring's AOT processing
 * generated ({@link SpringAot}) and serves a chat completion through a mock OpenAI, with the management port apart; with
 * a setting whose conditions the build did not evaluate, it starts the usual way and that setting's beans are there.
 * The tests' own contexts start from classes, so only this test runs the generated code.
 */
class SpringAotJarIT {

    private static final String KEY = "sk-sb-aot-jar-test-key-0123456789abcdef";
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static OpenAiUpstream openAi;

    @BeforeAll
    static void upstream() {
        openAi = new OpenAiUpstream();
        openAi.willReply("Hello from the generated context.", 9, 7);
    }

    @AfterAll
    static void close() {
        openAi.close();
    }

    @Test
    void shouldServeFromTheGeneratedContextWithTheDefaultSettings() throws Exception {
        try (var gateway = Gateway.start("defaults", freePort(), freePort())) {
            assertThat(gateway.log()).contains("Starting AOT-processed SwitchboardApplication").doesNotContain("without the build's AOT");

            var chat = gateway.chat();
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.body()).contains("Hello from the generated context.");
            assertThat(chat.headers().firstValue("x-switchboard-overhead-ms")).isPresent();
            assertThat(gateway.get(gateway.management, "/actuator/prometheus").body()).contains("switchboard_");
            assertThat(gateway.get(gateway.management, "/actuator/openapi").statusCode()).isEqualTo(200);
            assertThat(gateway.get(gateway.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldStartTheUsualWayWhenTheDocsAreOnTheMainPort() throws Exception {
        try (var gateway = Gateway.start("docs", freePort(), freePort(), "--switchboard.docs.on-management-port=false")) {
            assertThat(gateway.log()).contains("Starting without the build's AOT initialisation: SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false")
                    .contains("Starting SwitchboardApplication").doesNotContain("AOT-processed");

            assertThat(gateway.chat().statusCode()).isEqualTo(200);
            assertThat(gateway.get(gateway.port, "/v3/api-docs").body()).contains("\"openapi\"");
            assertThat(gateway.get(gateway.management, "/actuator/openapi").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldStartTheUsualWayWithTheActuatorOnTheMainPort() throws Exception {
        var port = freePort();
        try (var gateway = Gateway.start("same-port", port, port)) {
            assertThat(gateway.log()).contains("Starting without the build's AOT initialisation: SWITCHBOARD_MANAGEMENT_PORT makes the "
                    + "management port the main port's").doesNotContain("AOT-processed");

            assertThat(gateway.chat().statusCode()).isEqualTo(200);
            assertThat(gateway.get(port, "/actuator/prometheus").body()).contains("switchboard_");
        }
    }

    private record Gateway(Process process, Path logFile, int port, int management) implements AutoCloseable {

        static Gateway start(String name, int port, int management, String... settings) throws IOException, InterruptedException {
            var dir = Files.createTempDirectory("switchboard-aot-jar-" + name);
            var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "@bin/jvm.options",
                    "-jar", System.getProperty("switchboard.jar", "target/switchboard-0.1.0-SNAPSHOT.jar"),
                    "--server.address=127.0.0.1", "--server.port=" + port, "--management.server.port=" + management,
                    "--switchboard.data-dir=" + dir, "--switchboard.admin.api-key=" + KEY,
                    "--OPENAI_BASE_URL=" + openAi.baseUrl(), "--OPENAI_API_KEY=sk-aot-jar-test-openai"));
            command.addAll(List.of(settings));
            var log = dir.resolve("gateway.log");
            var gateway = new Gateway(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log, port, management);
            for (var i = 0; i < 600 && gateway.process.isAlive() && !gateway.healthy(); i++) {
                Thread.sleep(100);
            }
            assertThat(gateway.healthy()).as("started (log: %s)", log).isTrue();
            return gateway;
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        HttpResponse<String> chat() throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(int onPort, String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private boolean healthy() {
            try {
                return get(port, "/health").statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
