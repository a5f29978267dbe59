package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.OpenAiUpstream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Shutdown with a stream in flight: the application is closed (as on SIGTERM) while a stream is half-way; the stream
 * still reaches its end, and its usage record is on disk when the application has stopped.
 */
class GracefulShutdownTest {

    @Test
    void shouldLetAStreamInFlightFinishAndWriteItsUsageBeforeStopping() throws Exception {
        var dataDir = Files.createTempDirectory("switchboard-shutdown-");
        try (var upstream = new OpenAiUpstream()) {
            upstream.mock().override("POST", "/v1/chat/completions", (request, reply) -> {
                var out = reply.startSse();
                for (var i = 0; i < 15; i++) {
                    out.write(chunk(i).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    MockUpstream.Reply.sleep(100);
                }
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":15,\"total_tokens\":18}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            });
            var app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
                    "--server.port=0", "--management.server.port=0", "--switchboard.data-dir=" + dataDir, "--OPENAI_BASE_URL=" + upstream.baseUrl(),
                    "--OPENAI_API_KEY=sk-test-shutdown-000111", "--switchboard.admin.api-key=" + GatewayTestSupport.ADMIN_API_KEY,
                    "--SWITCHBOARD_ENCRYPTION_KEY=" + GatewayTestSupport.ENCRYPTION_KEY, "--spring.lifecycle.timeout-per-shutdown-phase=20s");
            var port = ((WebServerApplicationContext) app).getWebServer().getPort();
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var answer = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + GatewayTestSupport.ADMIN_API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hello"}]}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            while (upstream.mock().requests().isEmpty()) {
                MockUpstream.Reply.sleep(20);
            }

            app.close();

            var response = answer.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("tick 14").endsWith("data: [DONE]\n\n");
            try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("switchboard.db"));
                 var rows = db.createStatement().executeQuery("SELECT status, output_tokens FROM usage_records")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("ok");
                assertThat(rows.getLong(2)).isEqualTo(15);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private static String chunk(int i) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"tick " + i + " \"},\"finish_reason\":" + (i == 14 ? "\"stop\"" : "null") + "}]}\n\n";
    }
}
